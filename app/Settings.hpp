// Typed preferences over QSettings; every key lives here.
#pragma once

#include <QSettings>
#include <QStringList>

namespace halltwin::app {

template <class T> class Preference {
  public:
    Preference(const char* key, T fallback) : key_(key), fallback_(std::move(fallback)) {}
    T get() const { return QSettings().value(key_, QVariant::fromValue(fallback_)).template value<T>(); }
    void set(const T& v) const { QSettings().setValue(key_, QVariant::fromValue(v)); }

  private:
    const char* key_;
    T fallback_;
};

namespace prefs {
inline const Preference<QStringList> recentFiles{"files/recent", {}};
inline const Preference<int> autosaveSeconds{"files/autosaveSeconds", 120};
inline const Preference<QString> colourMode{"view/colourMode", "power"};    // a key of colourModes()
inline const Preference<double> airSliceM{"view/airSliceM", 1.2};           // above the floor; 0 = no slice
inline const Preference<QString> defaultSite{"simulation/defaultSite", ""}; // empty = the twin's own
inline const Preference<double> airCellM{"air/cellM", 0.4}; // coarse enough to re-solve while editing
inline const Preference<bool> autoSolveAir{"air/autoSolve", true};
inline const Preference<QString> airTurbulence{"air/turbulence",
                                               "constant"}; // model::nameOf(TurbulenceModel)
inline const Preference<QString> temperatureUnit{"units/temperature", "degC"}; // degC | degF
} // namespace prefs

} // namespace halltwin::app
