// Site climate for annual plant simulation: monthly climate normals (assets/climate/<site>.json) and the
// typical 8760-hour year built from them. Normals give a typical year, not a design-extreme one; design-day
// extremes come from the twin's design_ambient_c.
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <vector>

namespace halltwin::model::sim {

inline constexpr int kDaysPerYear = 365; // a non-leap year
inline constexpr int kHoursPerYear = 24 * kDaysPerYear;
inline constexpr std::array<int, 12> kDaysInMonth{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

// Local standard time of the daily minimum and maximum in the diurnal model.
inline constexpr int kDailyMinHour = 6;
inline constexpr int kDailyMaxHour = 15;

struct MonthlyNormal {
    int month = 0;    // 1 = January
    double tmaxC = 0; // mean daily maximum dry-bulb temperature
    double tminC = 0; // mean daily minimum dry-bulb temperature
    double rhPct = 0; // monthly mean relative humidity
};

struct ClimateNormals {
    std::string id, name, kind, source;
    double latitudeDeg = 0;
    bool estimate = false;                  // true when any value is not from the cited normals
    std::array<MonthlyNormal, 12> months{}; // months[0] is January
};

// Reads and checks one site file. Throws std::runtime_error naming the file and the field on bad input
// (not JSON, missing or duplicate month, null or non-finite numbers, tmin above tmax, RH outside (0, 100]).
ClimateNormals loadClimate(const std::filesystem::path& file);

// One value per hour of a non-leap year; index = day * 24 + hour, the instant at hour:00 local standard time
// from 1 January 00:00.
struct HourlyClimate {
    std::vector<double> dryBulbC, wetBulbC, rhPct;
};

// The typical year: daily max and min interpolated smoothly between the months so that each month's mean of
// the daily max and of the daily min equals the normal; a two-part cosine within each day (minimum at 06:00,
// maximum at 15:00); the dew point held for the day at the value of the day's mean temperature and the
// month's RH, so RH falls as the day warms.
HourlyClimate hourlySeries(const ClimateNormals& c);

// Saturation vapour pressure over water, Magnus form with Alduchov & Eskridge (1996) coefficients.
double saturationVapourPressureHpa(double tC);
// Dew point from dry bulb and RH by inverting the same Magnus form.
double dewPointC(double tC, double rhPct);
// RH of air at tC whose dew point is dewPointC; may exceed 100 when dewPointC > tC (callers clamp).
double relativeHumidityPct(double tC, double dewPointC);
// Wet-bulb temperature at sea-level pressure, Stull (2011) J. Appl. Meteor. Climatol. 50:2267-2269.
// Fitted for RH 5-99 % and T -20..50 degC (error -1..+0.65 K); outside that it is an extrapolation.
double wetBulbStullC(double tC, double rhPct);

} // namespace halltwin::model::sim
