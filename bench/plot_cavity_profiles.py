#!/usr/bin/env python3
"""Plots the cavity centreline profiles of air_cavity_profiles against Ghia (1982) for docs/validation.md.

Usage: plot_cavity_profiles.py profiles.csv ghia1982.csv out.png
Needs matplotlib (Debian: python3-matplotlib); only for the documentation image, not for the build.
"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

RES = (100, 400, 1000)
COLOURS = {100: "tab:blue", 400: "tab:orange", 1000: "tab:green"}
GHIA_COLUMN = {100: 2, 400: 3, 1000: 4}


def read_ours(path):
    out = {}
    with open(path) as f:
        for row in csv.DictReader(f):
            key = (int(row["re"]), row["profile"])
            out.setdefault(key, []).append((float(row["coord"]), float(row["value"])))
    return out


def read_ghia(path):
    rows = []
    with open(path) as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                rows.append(line.strip().split(","))
    return rows


def main(ours_path, ghia_path, png):
    ours, ghia = read_ours(ours_path), read_ghia(ghia_path)
    fig, (axu, axv) = plt.subplots(1, 2, figsize=(11, 5.2))
    for re in RES:
        c = COLOURS[re]
        y, u = zip(*ours[(re, "u")])
        axu.plot(u, y, color=c, label=f"HallTwin 64×64, Re {re}")
        x, v = zip(*ours[(re, "v")])
        axv.plot(x, v, color=c, label=f"HallTwin 64×64, Re {re}")
        gu = [(float(r[1]), float(r[GHIA_COLUMN[re]])) for r in ghia if r[0] == "u"]
        gv = [(float(r[1]), float(r[GHIA_COLUMN[re]])) for r in ghia if r[0] == "v"]
        axu.plot([p[1] for p in gu], [p[0] for p in gu], "o", mfc="none", color=c, label=f"Ghia 1982, Re {re}")
        axv.plot([p[0] for p in gv], [p[1] for p in gv], "o", mfc="none", color=c, label=f"Ghia 1982, Re {re}")
    # The tabulated point the v check leaves out (tests/model/tst_air_validation.cpp).
    axv.annotate("Ghia Re 400 v(0.9063):\noff its neighbours' curve,\nleft out of the v check",
                 xy=(0.9063, -0.23827), xytext=(0.47, 0.22), fontsize=8,
                 arrowprops={"arrowstyle": "->", "color": "0.4"})
    axu.set(xlabel="u / U_lid", ylabel="y / L", title="u on the vertical centreline x = 0.5")
    axv.set(xlabel="x / L", ylabel="v / U_lid", title="v on the horizontal centreline y = 0.5")
    for ax in (axu, axv):
        ax.grid(alpha=0.3)
    axv.legend(fontsize=8, loc="lower left")
    fig.tight_layout()
    fig.savefig(png, dpi=110)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
