// A design study's results (docs/studies.md): the scatter of any two KPIs with the Pareto set of the two,
// coloured by a third, variants outside the limits faint; the table of every variant, sortable; the
// selected variant's values with Open (the variant as a twin in a new window) and Compare with the base.
// A study can also run here on the open twin, in the background with progress and Cancel; the chart
// fills in as the results file is saved.
#pragma once

#include "model/study/StudyLimits.hpp"

#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QVBoxLayout;

namespace halltwin::model {
struct Twin;
}

namespace halltwin::app {

class CompareWindow;
class MainWindow;
class StudyRunner;
class StudyScatter;
class StudyTableModel;

class StudyWindow : public QWidget {
    Q_OBJECT
  public:
    explicit StudyWindow(QWidget* parent = nullptr);
    ~StudyWindow() override;

    bool openResults(const QString& path, QString* error);
    // Runs the study in `studyFile` into `out`; with `base`, on that twin instead of the file's base_twin.
    bool startRun(const QString& studyFile, const model::Twin* base, const QString& out, QString* error);
    void resumeRun(); // after Cancel: the variants still to do
    void cancelRun();
    bool running() const;
    void waitForRun(); // for tests: until the run has ended and its results are shown

    // The chart's axes and colour by KPI key (colour empty: none); false when a key is not a KPI here.
    bool setAxes(const QString& x, const QString& y, const QString& colour = {});
    // Limits such as "max_chip_c<=55, pue_annual<=1.15"; false with the error naming the bad one.
    bool setLimits(const QString& text, QString* error);
    void selectVariant(size_t v);

    MainWindow* openVariant(size_t v, QString* error);        // a new window with the variant as a twin
    CompareWindow* compareWithBase(size_t v, QString* error); // the base beside the variant

    const model::study::StudyResults& results() const { return results_; }
    const std::vector<size_t>& paretoSet() const { return pareto_; }
    std::optional<size_t> selectedVariant() const { return selected_; }
    StudyScatter* scatter() const { return scatter_; }
    QTableView* table() const { return table_; }
    QPushButton* cancelButton() const { return cancel_; }
    QPushButton* openButton() const { return open_; }
    QProgressBar* progressBar() const { return progress_; }
    void setDialogsEnabled(bool on) { dialogs_ = on; } // tests read errors from the status line instead

  signals:
    void runFinished();

  protected:
    void closeEvent(QCloseEvent* e) override;

  private:
    QWidget* createControls();
    QWidget* createDetails();
    void createRunBar(QVBoxLayout* layout);
    void showResults(model::study::StudyResults r);
    void fillAxisChoices();
    void refresh();
    void showDetails();
    void runEnded(bool cancelled, const QString& error);
    const model::study::Study* studyOrError(QString* error);
    const model::Catalog& catalog();
    void report(const QString& title, const QString& text);

    model::study::StudyResults results_;
    QString resultsPath_;
    std::shared_ptr<const model::study::Study> study_;
    std::shared_ptr<const model::Catalog> catalog_;
    std::vector<model::study::Limit> limits_;
    std::vector<size_t> pareto_;
    std::optional<size_t> selected_;
    StudyRunner* runner_;
    StudyScatter* scatter_;
    StudyTableModel* model_;
    QSortFilterProxyModel* sorted_;
    QTableView* table_;
    QComboBox *x_, *y_, *colour_;
    QLineEdit* limitsEdit_;
    QLabel *summary_, *details_, *colourScale_;
    QPushButton *open_, *compare_, *cancel_, *resume_;
    QProgressBar* progress_;
    bool dialogs_ = true;
    bool active_ = false; // a run started and its end not yet shown
};

} // namespace halltwin::app
