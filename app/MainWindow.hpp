// The application's main window: the 3-D view in the centre; the twin tree, properties and KPIs in
// docks; menus and toolbars for files, edits, views, simulation (system and air) and comparison.
#pragma once

#include "TwinDocument.hpp"

#include <QMainWindow>
#include <QTimer>

#include <memory>
#include <optional>

class QLabel;
class QComboBox;
class QMenu;
class QProgressBar;
class QToolButton;

namespace halltwin::model::air {
struct ProbeComparison;
}

namespace halltwin::app {

class HallView;
class StudyWindow;
class ProbeComparisonDialog;
class TwinTree;
class PropertyPanel;
class KpiPanel;
class SimulationRunner;
class AirRunner;
class AirController;
class RecoverySlot;
struct AirSolution;

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    bool openFile(const QString& path); // errors in a dialog naming the object and field
    bool saveTo(const QString& path);   // errors in a dialog; the old file survives
    // A twin not yet saved anywhere (e.g. a study's variant), shown under `name` and marked modified.
    void showUnsaved(model::Twin twin, const QString& name);
    // A design study's results in a Study window (also what openFile does with a results file).
    StudyWindow* openStudyResults(const QString& path);
    // Runs the study in `studyFile` on the twin as it is now, into `out`, in a new Study window.
    StudyWindow* runStudy(const QString& studyFile, const QString& out);
    TwinDocument* document() { return doc_; }
    HallView* view() { return view_; }
    KpiPanel* kpis() { return kpis_; }
    PropertyPanel* properties() { return properties_; }
    SimulationRunner* simulation() { return runner_; }
    QToolButton* cancelButton() { return cancel_; }
    AirController* air() { return airCtl_; }
    AirRunner* airRunner();
    QToolButton* airCancelButton();
    // The air results on show (solved here or read from the file); stale once the twin changed after them.
    std::shared_ptr<const AirSolution> airSolution() const;
    bool airStale() const;
    QString autosavePath() const;                      // this window's recovery slot
    void setDialogsEnabled(bool on) { dialogs_ = on; } // tests turn modal dialogs into status messages
    // The twin's probes against a sensor CSV (probe,value[,uncertainty], °C) in the solved air: labels in
    // the view and the table beside it; they follow later solves. False with the error otherwise.
    bool compareProbes(const QString& csvPath, QString* error);
    ProbeComparisonDialog* probeComparison() const { return probeDialog_; }

  signals:
    void autosaved(); // the recovery slot holds the twin as it is now

  protected:
    void closeEvent(QCloseEvent* e) override;

  private:
    void createDocks();
    void createFileMenu();
    void createEditMenu();
    void createViewMenu();
    void createSimulateMenu();
    void createHelpMenu();
    void createStudyMenu();
    void createAirActions(QMenu* simulate);
    void createAirSliceMenu(QMenu* view);
    void createAirStatus();
    void updateTitle();
    void simulate();
    void showResults();
    QString resultsProvenance() const;
    void applyColours();
    void showAir();
    void loadAir(const QString& path);
    std::function<void(long long)> airWriter() const;
    void addRecent(const QString& path);
    void rebuildRecentMenu();
    void autosave();
    void offerRecovery();
    bool offerSession(const struct RecoverableSession& session);
    void startAutosaveTimer();
    bool maybeSave();
    void error(const QString& title, const QString& text);
    void pushStructural(const QString& text,
                        const std::function<model::EditResult(model::TwinEditor&)>& edit);
    std::optional<std::string> pickType(const QString& title, const QStringList& types);
    template <class T>
    void addUnit(const QString& title, const QStringList& types, const char* prefix,
                 model::EditResult (model::TwinEditor::*add)(const T&));
    void addRack();
    void addRow();
    void addCdu();
    void addAirHandler();
    void addProbe();
    void showProbeLabels();
    void addObstruction();
    void addVent();
    void fitRearDoor();
    void editRackType();
    void rotateSelected();
    void deleteSelected();
    void duplicateRow();
    void cycleContainment();
    void editSettings();
    void exportView();
    void openCompare();

    TwinDocument* doc_;
    HallView* view_;
    TwinTree* tree_ = nullptr;
    PropertyPanel* properties_ = nullptr;
    KpiPanel* kpis_ = nullptr;
    SimulationRunner* runner_;
    QComboBox* colourMode_ = nullptr;
    QLabel* status_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QToolButton* cancel_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    QTimer autosaveTimer_;
    std::unique_ptr<RecoverySlot> recovery_;
    AirController* airCtl_ = nullptr;
    bool dialogs_ = true;
    QString untitled_;         // the title of a twin with no file yet
    QString measurementsPath_; // sensor readings the probes are compared with (empty: none)
    ProbeComparisonDialog* probeDialog_ = nullptr;
    std::optional<model::air::ProbeComparison> probeComparisonNow(QString* error) const;
    void showProbeComparison(const model::air::ProbeComparison& c, bool open);
};

} // namespace halltwin::app
