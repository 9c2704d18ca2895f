#include "EvidenceExport.h"

#include "core/FileDialog.h"
#include "core/MessageBox.h"
#include "evidence/EvidencePack.h"

#include <QCoreApplication>
#include <QDir>
#include <QGuiApplication>
#include <QProgressDialog>
#include <QStandardPaths>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::EvidenceExport", text);
}

} // namespace

QString exportEvidencePack(QWidget *parent, const ConsoleContext &context, qint64 onboardingId)
{
    const EvidencePack pack(*context.db, *context.clock);
    QString error;
    const std::optional<QString> name = pack.suggestedName(onboardingId, &error);
    if (!name) {
        MessageBox::warning(parent, tr("Evidence pack"),
                            tr("The onboarding could not be read: %1").arg(error));
        return QString();
    }
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path
        = FileDialog::saveFileName(parent, tr("Export evidence pack"), QDir(folder).filePath(*name),
                                   tr("ZIP archives (*.zip)"));
    if (path.isEmpty()) {
        return QString();
    }
    QProgressDialog progress(tr("Writing the evidence pack…"), QString(), 0, 100, parent);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(300);
    progress.setValue(0);
    QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    ServiceError serviceError;
    const bool written
        = pack.write(onboardingId, path, context.actor(), &serviceError,
                     [&progress](double done) { progress.setValue(int(done * 100)); });
    QGuiApplication::restoreOverrideCursor();
    progress.reset();
    if (!written) {
        MessageBox::warning(parent, tr("Evidence pack"),
                            tr("The evidence pack was not written: %1").arg(serviceError.message));
        return QString();
    }
    MessageBox::information(parent, tr("Evidence pack"),
                            tr("The evidence pack was saved to %1. Its MANIFEST.sha256 lists the "
                               "SHA-256 of every file in it.")
                                .arg(QDir::toNativeSeparators(path)));
    return path;
}

} // namespace Gatehouse
