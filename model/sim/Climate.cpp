#include "Climate.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <fstream>
#include <numbers>
#include <stdexcept>

namespace halltwin::model::sim {
namespace fs = std::filesystem;

namespace {

using Json = nlohmann::json;

// ---- Reading the site file --------------------------------------------------------------------------------

[[noreturn]] void fail(const fs::path& file, const std::string& field, const std::string& what) {
    throw std::runtime_error(fmt::format("climate file '{}': {} {}", file.string(), field, what));
}

const Json& member(const Json& obj, const char* key, const fs::path& file, const std::string& field) {
    auto it = obj.find(key);
    if (it == obj.end()) fail(file, field, "is missing");
    if (it->is_null()) fail(file, field, "is null");
    return *it;
}

double number(const Json& obj, const char* key, const fs::path& file, const std::string& field) {
    const Json& v = member(obj, key, file, field);
    if (!v.is_number()) fail(file, field, fmt::format("must be a number, found {}", v.type_name()));
    const double x = v.get<double>();
    if (!std::isfinite(x)) fail(file, field, "is not finite");
    return x;
}

double numberIn(const Json& obj, const char* key, double lo, double hi, const fs::path& file,
                const std::string& field) {
    const double x = number(obj, key, file, field);
    if (x < lo || x > hi) fail(file, field, fmt::format("= {} is outside [{}, {}]", x, lo, hi));
    return x;
}

std::string text(const Json& obj, const char* key, const fs::path& file) {
    const Json& v = member(obj, key, file, key);
    if (!v.is_string() || v.get<std::string>().empty()) fail(file, key, "must be a non-empty string");
    return v.get<std::string>();
}

Json parseFile(const fs::path& file) {
    std::ifstream in(file);
    if (!in) fail(file, "file", "cannot be opened");
    Json doc = Json::parse(in, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) fail(file, "document", "is not a valid JSON object");
    return doc;
}

MonthlyNormal readMonth(const Json& e, const fs::path& file, size_t index) {
    const std::string at = fmt::format("months[{}]", index);
    if (!e.is_object()) fail(file, at, "must be an object");
    const double m = numberIn(e, "month", 1, 12, file, at + ".month");
    if (m != std::floor(m)) fail(file, at + ".month", "must be an integer");
    MonthlyNormal n;
    n.month = int(m);
    const std::string name = fmt::format("months[month {}]", n.month);
    // Wider than any station record, so only unit or sign mistakes trip it.
    n.tmaxC = numberIn(e, "tmax_c", -90, 60, file, name + ".tmax_c");
    n.tminC = numberIn(e, "tmin_c", -90, 60, file, name + ".tmin_c");
    n.rhPct = number(e, "rh_pct", file, name + ".rh_pct");
    if (n.tminC > n.tmaxC)
        fail(file, name + ".tmin_c", fmt::format("= {} is above tmax_c = {}", n.tminC, n.tmaxC));
    // RH of zero would put the dew point at minus infinity.
    if (!(n.rhPct > 0 && n.rhPct <= 100))
        fail(file, name + ".rh_pct", fmt::format("= {} is outside (0, 100] %", n.rhPct));
    return n;
}

std::array<MonthlyNormal, 12> readMonths(const Json& doc, const fs::path& file) {
    const Json& arr = member(doc, "months", file, "months");
    if (!arr.is_array()) fail(file, "months", "must be an array of 12 months");
    std::array<MonthlyNormal, 12> months{};
    std::array<bool, 12> seen{};
    for (size_t i = 0; i < arr.size(); ++i) {
        MonthlyNormal n = readMonth(arr[i], file, i);
        if (seen[size_t(n.month - 1)]) fail(file, fmt::format("months: month {}", n.month), "appears twice");
        seen[size_t(n.month - 1)] = true;
        months[size_t(n.month - 1)] = n;
    }
    for (int m = 0; m < 12; ++m)
        if (!seen[size_t(m)]) fail(file, fmt::format("months: month {}", m + 1), "is missing");
    return months;
}

// ---- Daily values from monthly means ----------------------------------------------------------------------

using Monthly = std::array<double, 12>;
using Daily = std::array<double, kDaysPerYear>;

// Days from 1 January 00:00 to the middle of each month.
Monthly midMonthDays() {
    Monthly mid{};
    int start = 0;
    for (int m = 0; m < 12; ++m) {
        mid[size_t(m)] = start + kDaysInMonth[size_t(m)] / 2.0;
        start += kDaysInMonth[size_t(m)];
    }
    return mid;
}

// Piecewise-linear through the mid-month nodes, cyclic over the year (December joins January).
double cyclicLinear(const Monthly& nodes, const Monthly& mid, double tDays) {
    size_t hi = size_t(std::upper_bound(mid.begin(), mid.end(), tDays) - mid.begin());
    const size_t lo = (hi + 11) % 12;
    hi %= 12;
    double t0 = mid[lo], t1 = mid[hi];
    if (t1 <= t0) t1 += kDaysPerYear;      // the December-January segment
    if (tDays < t0) tDays += kDaysPerYear; // early January lies on it too
    const double w = (tDays - t0) / (t1 - t0);
    return nodes[lo] + w * (nodes[hi] - nodes[lo]);
}

Daily dailyFromNodes(const Monthly& nodes) {
    static const Monthly mid = midMonthDays();
    Daily d{};
    for (int day = 0; day < kDaysPerYear; ++day)
        d[size_t(day)] = cyclicLinear(nodes, mid, day + 0.5);
    return d;
}

Monthly monthlyMeans(const Daily& d) {
    Monthly mean{};
    int day = 0;
    for (int m = 0; m < 12; ++m) {
        double sum = 0;
        for (int i = 0; i < kDaysInMonth[size_t(m)]; ++i)
            sum += d[size_t(day++)];
        mean[size_t(m)] = sum / kDaysInMonth[size_t(m)];
    }
    return mean;
}

// Straight lines through the monthly means would flatten the peaks: the month of a maximum averages in its
// cooler neighbours. So the node values are raised or lowered until each month's mean of the daily values
// equals the target (a mean-preserving interpolation in the sense of Rymes & Myers 2001, Solar Energy
// 71:225). Monthly mean = A * nodes with A row-stochastic and about 0.75 on the diagonal, so the correction
// nodes += target - A * nodes at least halves the error each pass.
Daily meanPreservingDaily(const Monthly& target) {
    Monthly nodes = target;
    for (int pass = 0; pass < 100; ++pass) {
        const Monthly mean = monthlyMeans(dailyFromNodes(nodes));
        double worst = 0;
        for (size_t m = 0; m < 12; ++m) {
            nodes[m] += target[m] - mean[m];
            worst = std::max(worst, std::abs(target[m] - mean[m]));
        }
        if (worst < 1e-9) break;
    }
    return dailyFromNodes(nodes);
}

struct DailyNormals {
    Daily tmaxC, tminC, rhPct;
};

DailyNormals dailyNormals(const ClimateNormals& c) {
    Monthly tmax{}, tmin{}, rh{};
    for (size_t m = 0; m < 12; ++m) {
        tmax[m] = c.months[m].tmaxC;
        tmin[m] = c.months[m].tminC;
        rh[m] = c.months[m].rhPct;
    }
    DailyNormals d{meanPreservingDaily(tmax), meanPreservingDaily(tmin), meanPreservingDaily(rh)};
    for (size_t i = 0; i < d.rhPct.size(); ++i) {
        d.rhPct[i] = std::clamp(d.rhPct[i], 1.0, 100.0); // the correction may overshoot a 100 % month
        d.tmaxC[i] = std::max(d.tmaxC[i], d.tminC[i]);
    }
    return d;
}

// ---- Within the day ---------------------------------------------------------------------------------------

// Half a cosine from `from` (s = 0) to `to` (s = 1), flat at both ends.
double halfCosine(double from, double to, double s) {
    return from + (to - from) * (1 - std::cos(std::numbers::pi * s)) / 2;
}

// Two-part cosine between successive extremes, of the kind compared with measured hourly data by Reicosky et
// al. (1989, Agric. For. Meteorol. 46:193): a rise over 9 h from today's minimum at 06:00 to today's maximum
// at 15:00, then a 15 h fall to tomorrow's minimum. Every hourly sample of a day lies between that day's
// extremes, so the hourly series keeps the daily max and min exactly, and the 24 samples of a cycle average
// to exactly (max + min) / 2.
double diurnalC(const DailyNormals& d, int day, int hour) {
    const size_t today = size_t(day);
    const size_t yesterday = size_t((day + kDaysPerYear - 1) % kDaysPerYear);
    const size_t tomorrow = size_t((day + 1) % kDaysPerYear);
    constexpr double riseH = kDailyMaxHour - kDailyMinHour, fallH = 24 - riseH;
    if (hour < kDailyMinHour)
        return halfCosine(d.tmaxC[yesterday], d.tminC[today], (hour + 24 - kDailyMaxHour) / fallH);
    if (hour < kDailyMaxHour)
        return halfCosine(d.tminC[today], d.tmaxC[today], (hour - kDailyMinHour) / riseH);
    return halfCosine(d.tmaxC[today], d.tminC[tomorrow], (hour - kDailyMaxHour) / fallH);
}

// Magnus form es = C exp(A t / (B + t)) with the AERK coefficients recommended by Alduchov & Eskridge
// (1996), J. Appl. Meteor. 35:601-609 (relative error below 0.4 % over -40..50 degC, over water).
constexpr double kMagnusA = 17.625;
constexpr double kMagnusBC = 243.04;
constexpr double kMagnusCHpa = 6.1094;

} // namespace

ClimateNormals loadClimate(const fs::path& file) {
    const Json doc = parseFile(file);
    ClimateNormals c;
    c.id = text(doc, "id", file);
    c.name = text(doc, "name", file);
    c.kind = text(doc, "kind", file);
    c.source = text(doc, "source", file);
    c.latitudeDeg = numberIn(doc, "latitude_deg", -90, 90, file, "latitude_deg");
    const Json& estimate = member(doc, "estimate", file, "estimate");
    if (!estimate.is_boolean()) fail(file, "estimate", "must be true or false");
    c.estimate = estimate.get<bool>();
    c.months = readMonths(doc, file);
    return c;
}

HourlyClimate hourlySeries(const ClimateNormals& c) {
    const DailyNormals d = dailyNormals(c);
    HourlyClimate h;
    h.dryBulbC.reserve(kHoursPerYear);
    h.wetBulbC.reserve(kHoursPerYear);
    h.rhPct.reserve(kHoursPerYear);
    for (int day = 0; day < kDaysPerYear; ++day) {
        // The air mass's moisture changes slowly over a day; only its temperature swings.
        const double meanC = (d.tmaxC[size_t(day)] + d.tminC[size_t(day)]) / 2;
        const double dewC = dewPointC(meanC, d.rhPct[size_t(day)]);
        for (int hour = 0; hour < 24; ++hour) {
            const double t = diurnalC(d, day, hour);
            const double rh = std::min(100.0, relativeHumidityPct(t, dewC));
            h.dryBulbC.push_back(t);
            h.rhPct.push_back(rh);
            // Stull's fit is only defined for 5-99 %; at saturation it is a few tenths off, hence the clamp.
            h.wetBulbC.push_back(std::min(t, wetBulbStullC(t, std::clamp(rh, 5.0, 99.0))));
        }
    }
    return h;
}

double saturationVapourPressureHpa(double tC) {
    return kMagnusCHpa * std::exp(kMagnusA * tC / (kMagnusBC + tC));
}

double dewPointC(double tC, double rhPct) {
    const double gamma = std::log(rhPct / 100) + kMagnusA * tC / (kMagnusBC + tC);
    return kMagnusBC * gamma / (kMagnusA - gamma);
}

double relativeHumidityPct(double tC, double dewPointC) {
    return 100 * saturationVapourPressureHpa(dewPointC) / saturationVapourPressureHpa(tC);
}

double wetBulbStullC(double tC, double rhPct) {
    // Stull (2011) eq. 1, RH in percent.
    return tC * std::atan(0.151977 * std::sqrt(rhPct + 8.313659)) + std::atan(tC + rhPct) -
           std::atan(rhPct - 1.676331) + 0.00391838 * std::pow(rhPct, 1.5) * std::atan(0.023101 * rhPct) -
           4.686035;
}

} // namespace halltwin::model::sim
