#include "MainWindow.hpp"

#include "model/RackPower.hpp"
#include "model/TwinFile.hpp"
#include "model/TwinSummary.hpp"

#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QTreeWidget>

namespace halltwin::app {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    summary_ = new QPlainTextEdit(this);
    summary_->setReadOnly(true);
    summary_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setCentralWidget(summary_);
    tree_ = new QTreeWidget(this);
    tree_->setHeaderLabels({tr("Object"), tr("Type"), tr("Power")});
    auto* dock = new QDockWidget(tr("Twin"), this);
    dock->setObjectName("twinTreeDock");
    dock->setWidget(tree_);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    createMenus();
    resize(1280, 800);
    setWindowTitle("HallTwin");
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::openDialog);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::closeAllWindows);
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About HallTwin"), this, [this] {
        QMessageBox::about(
            this, tr("About HallTwin"),
            tr("HallTwin %1\nDigital twin of liquid-cooled AI data halls.").arg(HALLTWIN_VERSION));
    });
}

void MainWindow::openDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open twin"), QFileInfo(path_).absolutePath(),
                                                      tr("HallTwin twins (*.h5 *.json)"));
    if (!path.isEmpty()) openFile(path);
}

bool MainWindow::openFile(const QString& path) {
    model::TwinLoad l = model::loadTwinAny(path.toStdString());
    if (!l.diagnostics.ok()) {
        QMessageBox::critical(
            this, tr("Cannot open twin"),
            tr("%1 cannot be opened:\n\n%2").arg(path, QString::fromStdString(l.diagnostics.errorText())));
        return false;
    }
    twin_ = std::move(l.twin);
    path_ = path;
    showTwin();
    statusBar()->showMessage(tr("%1 layout warning(s)").arg(l.diagnostics.warnings().size()));
    return true;
}

void MainWindow::showTwin() {
    setWindowTitle(QStringLiteral("%1 — HallTwin").arg(QFileInfo(path_).fileName()));
    summary_->setPlainText(QString::fromStdString(model::summarize(twin_)));
    tree_->clear();
    auto* hall = new QTreeWidgetItem(tree_, {QString::fromStdString(twin_.hall.name), tr("hall")});
    for (const model::Row& row : twin_.rows) {
        auto* r = new QTreeWidgetItem(hall, {QString::fromStdString(row.name), tr("row")});
        for (const model::Rack& rack : twin_.racks)
            if (rack.row == row.id)
                new QTreeWidgetItem(
                    r, {QString::fromStdString(rack.name), QString::fromStdString(rack.type),
                        QString::number(model::rackDesignPowerW(rack, twin_.catalog) / 1e3, 'f', 1) + " kW"});
    }
    auto* cooling = new QTreeWidgetItem(tree_, {tr("Cooling")});
    for (const model::Cdu& c : twin_.cooling.cdus)
        new QTreeWidgetItem(cooling, {QString::fromStdString(c.name), QString::fromStdString(c.type)});
    for (const model::AirHandler& a : twin_.cooling.airHandlers)
        new QTreeWidgetItem(cooling, {QString::fromStdString(a.name), QString::fromStdString(a.type)});
    auto* power = new QTreeWidgetItem(tree_, {tr("Power")});
    for (const model::PowerStage& s : twin_.power.stages)
        new QTreeWidgetItem(power, {QString::fromStdString(s.name), QString::fromStdString(s.type)});
    tree_->expandToDepth(0);
}

} // namespace halltwin::app
