// The application's main window: the twin tree and its summary.
#pragma once

#include "model/Twin.hpp"

#include <QMainWindow>

class QTreeWidget;
class QPlainTextEdit;

namespace halltwin::app {

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    explicit MainWindow(QWidget* parent = nullptr);

    bool openFile(const QString& path); // shows errors in a dialog; false when the file was refused
    const model::Twin& twin() const { return twin_; }

  private:
    void createMenus();
    void showTwin();
    void openDialog();

    model::Twin twin_;
    QString path_;
    QTreeWidget* tree_ = nullptr;
    QPlainTextEdit* summary_ = nullptr;
};

} // namespace halltwin::app
