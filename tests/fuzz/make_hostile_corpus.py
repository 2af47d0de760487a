#!/usr/bin/env python3
# A fresh hostile corpus made the way an outside tester would: mutants of twin files (bit flips,
# overwritten runs, duplicated or cut chunks), half of the HDF5 ones with their metadata checksums
# recomputed (superblock v2/v3 and OHDR object headers, lookup3 as HDF5 computes it) so they reach the
# parsers. Usage: make_hostile_corpus.py SOURCE_DIR SEED OUT_DIR COUNT   (then tests/fuzz/validate_corpus OUT_DIR)
import os, random, sys, struct
random.seed(int(sys.argv[2]) if len(sys.argv) > 2 else 7)
def rot(x, k): return ((x << k) | (x >> (32 - k))) & 0xffffffff
def lookup3(k):
    a = b = c = (0xdeadbeef + len(k)) & 0xffffffff
    i, n = 0, len(k)
    while n > 12:
        a = (a + k[i] + (k[i+1] << 8) + (k[i+2] << 16) + (k[i+3] << 24)) & 0xffffffff
        b = (b + k[i+4] + (k[i+5] << 8) + (k[i+6] << 16) + (k[i+7] << 24)) & 0xffffffff
        c = (c + k[i+8] + (k[i+9] << 8) + (k[i+10] << 16) + (k[i+11] << 24)) & 0xffffffff
        a = (a - c) & 0xffffffff; a ^= rot(c, 4); c = (c + b) & 0xffffffff
        b = (b - a) & 0xffffffff; b ^= rot(a, 6); a = (a + c) & 0xffffffff
        c = (c - b) & 0xffffffff; c ^= rot(b, 8); b = (b + a) & 0xffffffff
        a = (a - c) & 0xffffffff; a ^= rot(c, 16); c = (c + b) & 0xffffffff
        b = (b - a) & 0xffffffff; b ^= rot(a, 19); a = (a + c) & 0xffffffff
        c = (c - b) & 0xffffffff; c ^= rot(b, 4); b = (b + a) & 0xffffffff
        i += 12; n -= 12
    if n == 0: return c
    t = list(k[i:i+n]) + [0] * (12 - n)
    c = (c + (t[8] | t[9] << 8 | t[10] << 16 | t[11] << 24)) & 0xffffffff
    b = (b + (t[4] | t[5] << 8 | t[6] << 16 | t[7] << 24)) & 0xffffffff
    a = (a + (t[0] | t[1] << 8 | t[2] << 16 | t[3] << 24)) & 0xffffffff
    c ^= b; c = (c - rot(b, 14)) & 0xffffffff
    a ^= c; a = (a - rot(c, 11)) & 0xffffffff
    b ^= a; b = (b - rot(a, 25)) & 0xffffffff
    c ^= b; c = (c - rot(b, 16)) & 0xffffffff
    a ^= c; a = (a - rot(c, 4)) & 0xffffffff
    b ^= a; b = (b - rot(a, 14)) & 0xffffffff
    c ^= b; c = (c - rot(b, 24)) & 0xffffffff
    return c
def fix(d):
    if d[:8] == b'\x89HDF\r\n\x1a\n' and d[8] in (2, 3) and d[9] in (2, 4, 8):
        L = 12 + 4 * d[9]; d[L:L+4] = struct.pack('<I', lookup3(bytes(d[:L])))
    at = d.find(b'OHDR')
    while at >= 0:
        p = at + 4
        if p + 2 <= len(d) and d[p] == 2:
            fl = d[p+1]; p += 2 + (16 if fl & 0x20 else 0) + (4 if fl & 0x10 else 0)
            w = 1 << (fl & 3)
            if p + w <= len(d):
                ch = int.from_bytes(d[p:p+w], 'little'); p += w
                if p + ch + 4 <= len(d):
                    L = p + ch - at; d[at+L:at+L+4] = struct.pack('<I', lookup3(bytes(d[at:at+L])))
        at = d.find(b'OHDR', at + 4)
def mutate(d):
    k = random.randrange(4)
    if k == 0:
        for _ in range(random.randint(1, 8)):
            i = random.randrange(len(d)); d[i] ^= 1 << random.randrange(8)
    elif k == 1:
        i = random.randrange(len(d)); n = random.randint(1, 64); d[i:i+n] = bytes(random.randrange(256) for _ in range(n))[:len(d)-i]
    elif k == 2:
        i = random.randrange(len(d)); n = random.randint(16, 4096); d[i:i] = d[i:i+n]
    else:
        i = random.randrange(len(d)); n = random.randint(16, 4096); del d[i:i+n]
    return d
src = [os.path.join(sys.argv[1], f) for f in sorted(os.listdir(sys.argv[1])) if f.endswith(('.h5', '.json'))]
out = sys.argv[3]; os.makedirs(out, exist_ok=True)
count = int(sys.argv[4])
for n in range(count):
    f = random.choice(src); d = bytearray(open(f, 'rb').read())
    d = mutate(d)
    checks = n % 2 == 0 and f.endswith('.h5')
    if checks: fix(d)
    ext = '.h5' if f.endswith('.h5') else '.json'
    open(os.path.join(out, f'm{n:05d}{"-fixed" if checks else ""}{ext}'), 'wb').write(d)
