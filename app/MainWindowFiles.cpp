// File handling of the main window: new from a reference template, open, save, save as, recent files,
// autosave to a recovery file and the offer to recover, unsaved-changes prompts, view export.
#include "MainWindow.hpp"

#include "CompareWindow.hpp"
#include "RecoveryFiles.hpp"
#include "Settings.hpp"
#include "view/HallView.hpp"

#include "model/AtomicFile.hpp"
#include "model/CatalogIo.hpp"
#include "model/TwinFile.hpp"
#include "model/study/StudyResultsFile.hpp"

#include <QBuffer>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>

namespace halltwin::app {

void MainWindow::createFileMenu() {
    QMenu* m = menuBar()->addMenu(tr("&File"));
    m->addAction(tr("&New from reference…"), QKeySequence::New, this, [this] {
        if (!maybeSave()) return;
        const QDir dir(QString::fromStdString((model::assetDir() / "twins").string()));
        QStringList names;
        for (const QString& f : dir.entryList({"*.json"}))
            names << QFileInfo(f).completeBaseName();
        bool ok = false;
        const QString name =
            QInputDialog::getItem(this, tr("New twin"), tr("Start from"), names, 0, false, &ok);
        if (!ok) return;
        QString err;
        if (!doc_->load(dir.filePath(name + ".json"), &err)) return error(tr("Cannot open template"), err);
        doc_->reset(doc_->twin(), QString()); // a new, unsaved twin
    });
    m->addAction(tr("&Open…"), QKeySequence::Open, this, [this] {
        if (!maybeSave()) return;
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Open twin"), QFileInfo(doc_->path()).absolutePath(),
                                         tr("HallTwin twins (*.h5 *.json)"));
        if (!path.isEmpty()) openFile(path);
    });
    recentMenu_ = m->addMenu(tr("Open &recent"));
    rebuildRecentMenu();
    m->addSeparator();
    m->addAction(tr("&Save"), QKeySequence::Save, this, [this] {
        if (doc_->path().endsWith(".h5"))
            saveTo(doc_->path());
        else {
            const QString p =
                QFileDialog::getSaveFileName(this, tr("Save twin"), {}, tr("HallTwin twins (*.h5)"));
            if (!p.isEmpty()) saveTo(p.endsWith(".h5") ? p : p + ".h5");
        }
    });
    m->addAction(tr("Save &as…"), QKeySequence::SaveAs, this, [this] {
        const QString p =
            QFileDialog::getSaveFileName(this, tr("Save twin as"), doc_->path(), tr("HallTwin twins (*.h5)"));
        if (!p.isEmpty()) saveTo(p.endsWith(".h5") ? p : p + ".h5");
    });
    m->addAction(tr("&Export view as PNG…"), this, &MainWindow::exportView);
    m->addSeparator();
    m->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QTimer::singleShot(0, this, &MainWindow::offerRecovery);
}

bool MainWindow::openFile(const QString& path) {
    if (model::study::isStudyResultsFile(path.toStdString())) return openStudyResults(path) != nullptr;
    QString err;
    if (!doc_->load(path, &err)) {
        error(tr("Cannot open twin"), tr("%1 cannot be opened:\n\n%2").arg(path, err));
        return false;
    }
    addRecent(path);
    loadAir(path);
    return true;
}

bool MainWindow::saveTo(const QString& path) {
    QString err;
    const auto writeAir = airWriter();
    if (!doc_->save(path, &err, writeAir)) {
        error(tr("Save failed"), err);
        return false;
    }
    addRecent(path);
    statusBar()->showMessage(tr("Saved %1%2").arg(path, writeAir ? tr(" with the air results") : QString()),
                             4000);
    return true;
}

bool MainWindow::maybeSave() {
    if (!doc_->isModified() || !dialogs_) return true;
    const auto answer =
        QMessageBox::warning(this, tr("Unsaved changes"), tr("The twin has unsaved changes. Save them?"),
                             QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Cancel) return false;
    if (answer == QMessageBox::Discard) return true;
    const QString p = doc_->path().endsWith(".h5")
                          ? doc_->path()
                          : QFileDialog::getSaveFileName(this, tr("Save twin"), {}, "*.h5");
    return !p.isEmpty() && saveTo(p);
}

void MainWindow::addRecent(const QString& path) {
    QStringList list = prefs::recentFiles.get();
    list.removeAll(QFileInfo(path).absoluteFilePath());
    list.prepend(QFileInfo(path).absoluteFilePath());
    prefs::recentFiles.set(list.mid(0, 10));
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
    recentMenu_->clear();
    for (const QString& p : prefs::recentFiles.get())
        recentMenu_->addAction(p, this, [this, p] {
            if (maybeSave()) openFile(p);
        });
    recentMenu_->setEnabled(!recentMenu_->isEmpty());
}

QString MainWindow::autosavePath() const {
    return recovery_->twinPath();
}

void MainWindow::startAutosaveTimer() {
    autosaveTimer_.start(std::max(1, prefs::autosaveSeconds.get()) * 1000);
}

// A modified twin goes to this window's recovery slot every few minutes; the user's own file is untouched.
void MainWindow::autosave() {
    if (!doc_->isModified()) return;
    try {
        recovery_->write(doc_->twin(), doc_->path());
        emit autosaved();
    } catch (const std::exception& e) {
        statusBar()->showMessage(tr("Autosave failed: %1").arg(e.what()), 8000);
    }
}

// Sessions that ended without closing, newest first. One can be recovered into this window; the others
// stay for a later start unless discarded.
void MainWindow::offerRecovery() {
    if (!dialogs_) return;
    for (const RecoverableSession& s : findRecoverableSessions())
        if (offerSession(s)) return;
}

bool MainWindow::offerSession(const RecoverableSession& s) {
    const QString what = s.originalPath.isEmpty() ? tr("a new twin") : QFileInfo(s.originalPath).fileName();
    QMessageBox box(QMessageBox::Question, tr("Recover unsaved work?"),
                    tr("HallTwin did not close normally. Unsaved changes to %1, autosaved %2, can be "
                       "recovered.")
                        .arg(what, QLocale().toString(s.autosavedAt, QLocale::ShortFormat)),
                    QMessageBox::NoButton, this);
    QPushButton* recover = box.addButton(tr("&Recover"), QMessageBox::AcceptRole);
    QPushButton* discard = box.addButton(tr("&Discard"), QMessageBox::DestructiveRole);
    box.addButton(tr("&Later"), QMessageBox::RejectRole);
    box.setDefaultButton(recover);
    box.exec();
    if (box.clickedButton() == discard) discardSession(s);
    if (box.clickedButton() != recover) return false;
    QString err;
    if (!doc_->loadAs(s.twinPath, s.originalPath, &err)) {
        error(tr("Cannot recover"), tr("%1 cannot be opened:\n\n%2").arg(s.twinPath, err));
        return false;
    }
    // The recovered twin is unsaved work on its original file; it moves to this window's slot before
    // the old one goes, so a second crash cannot lose it.
    doc_->markModified();
    autosave();
    if (QFile::exists(autosavePath())) discardSession(s);
    return true;
}

void MainWindow::exportView() {
    bool ok = false;
    const QString size = QInputDialog::getText(this, tr("Export view"), tr("Size (width x height)"),
                                               QLineEdit::Normal, "1600x1000", &ok);
    if (!ok) return;
    const QStringList wh = size.split('x');
    const int w = wh.value(0).toInt(), h = wh.value(1).toInt();
    if (w < 16 || h < 16 || w > 8000 || h > 8000)
        return error(tr("Export view"), tr("Size must be like 1600x1000"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export view"), "view.png", "*.png");
    if (path.isEmpty()) return;
    QByteArray png;
    QBuffer buffer(&png);
    if (!buffer.open(QIODevice::WriteOnly) || !view_->exportImage(w, h).save(&buffer, "PNG"))
        return error(tr("Export view"), tr("The image could not be encoded"));
    try { // the old image or the new one, complete (model/AtomicFile.hpp)
        model::writeFileAtomically(path.toStdString(), std::string_view(png.constData(), size_t(png.size())));
    } catch (const std::exception& e) {
        error(tr("Export view"), QString::fromUtf8(e.what()));
    }
}

// The open twin beside another, as it is now, saved or not.
void MainWindow::openCompare() {
    const QString other =
        QFileDialog::getOpenFileName(this, tr("Compare with"), {}, tr("HallTwin twins (*.h5 *.json)"));
    if (other.isEmpty()) return;
    auto* w = new CompareWindow();
    w->setAttribute(Qt::WA_DeleteOnClose);
    QString err;
    if (!w->addTwin(doc_->twin(), &err) || !w->addTwin(other, &err)) {
        delete w;
        return error(tr("Cannot compare"), err);
    }
    w->show();
}

} // namespace halltwin::app
