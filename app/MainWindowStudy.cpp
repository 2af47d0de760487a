// The Study menu: open a design study's results, or run a study on the open twin; and the window for a
// study's variant (a twin with no file yet).
#include "MainWindow.hpp"
#include "StudyWindow.hpp"

#include "model/CatalogIo.hpp"

#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QTimer>

namespace halltwin::app {

void MainWindow::createStudyMenu() {
    QMenu* m = menuBar()->addMenu(tr("S&tudy"));
    m->addAction(tr("&Open results…"), this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Open study results"), {}, tr("Study results (*.h5)"));
        if (!path.isEmpty()) openStudyResults(path);
    });
    m->addAction(tr("&Run a study on this twin…"), this, [this] {
        const QString studies = QString::fromStdString((model::assetDir() / "studies").string());
        const QString study =
            QFileDialog::getOpenFileName(this, tr("Study to run"), studies, tr("HallTwin studies (*.json)"));
        if (study.isEmpty()) return;
        QString out = QFileDialog::getSaveFileName(this, tr("Results file"),
                                                   QFileInfo(study).completeBaseName() + "-results.h5",
                                                   tr("Study results (*.h5)"));
        if (out.isEmpty()) return;
        runStudy(study, out.endsWith(".h5") ? out : out + ".h5");
    });
}

StudyWindow* MainWindow::openStudyResults(const QString& path) {
    auto* w = new StudyWindow;
    w->setAttribute(Qt::WA_DeleteOnClose);
    w->setDialogsEnabled(dialogs_);
    QString err;
    if (!w->openResults(path, &err)) {
        delete w;
        error(tr("Cannot open study results"), tr("%1 cannot be opened:\n\n%2").arg(path, err));
        return nullptr;
    }
    w->show();
    // In front once the event loop runs: opened from the command line, the main window shows after it.
    QTimer::singleShot(0, w, [w] { w->raise(), w->activateWindow(); });
    return w;
}

StudyWindow* MainWindow::runStudy(const QString& studyFile, const QString& out) {
    auto* w = new StudyWindow;
    w->setAttribute(Qt::WA_DeleteOnClose);
    w->setDialogsEnabled(dialogs_);
    QString err;
    if (!w->startRun(studyFile, &doc_->twin(), out, &err)) {
        delete w;
        error(tr("Cannot run the study"), err);
        return nullptr;
    }
    w->show();
    return w;
}

void MainWindow::showUnsaved(model::Twin twin, const QString& name) {
    doc_->reset(std::move(twin), QString());
    doc_->markModified();
    untitled_ = name;
    updateTitle();
}

} // namespace halltwin::app
