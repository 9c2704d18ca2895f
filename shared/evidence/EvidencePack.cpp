#include "EvidencePack.h"

#include "EvidenceSections.h"
#include "core/Clock.h"
#include "files/ZipWriter.h"
#include "security/AuditLog.h"
#include "storage/DirectoryRepository.h"
#include "storage/OnboardingRepository.h"
#include "storage/Transaction.h"

#include <QCoreApplication>
#include <QCryptographicHash>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::EvidencePack", text);
}

QByteArray readme(const Onboarding &onboarding, qint64 nowMs)
{
    return QStringLiteral(
               "Evidence pack: %1 (%2)\n"
               "Made %3 UTC by Gatehouse.\n\n"
               "onboarding.json      phases and tasks: status, who completed each and when\n"
               "documents.csv        every file on a task with its SHA-256 (the files are not "
               "included)\n"
               "signatures/          each signature: evidence (JSON), the image, the signed PDF\n"
               "forms/               each form's answers as JSON and as PDF\n"
               "approvals.json       every approval decision\n"
               "checklists.json      every checklist tick and untick\n"
               "audit-events.csv     the onboarding's audit events with their chain hashes; the\n"
               "                     console's Activity view verifies the whole chain\n"
               "MANIFEST.sha256      the SHA-256 of every file above: sha256sum -c "
               "MANIFEST.sha256\n")
        .arg(onboarding.name, onboarding.companyName,
             QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC).toString(Qt::ISODate))
        .toUtf8();
}

} // namespace

EvidencePack::EvidencePack(const Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

std::optional<QList<EvidencePack::File>> EvidencePack::collect(qint64 onboardingId,
                                                               QString *error) const
{
    QString dbError;
    const std::optional<Onboarding> onboarding
        = OnboardingRepository(m_db).get(onboardingId, &dbError);
    if (!onboarding) {
        if (error) {
            *error = dbError.isEmpty() ? tr("There is no such onboarding.") : dbError;
        }
        return std::nullopt;
    }
    QList<File> files{{QStringLiteral("README.txt"), readme(*onboarding, m_clock.nowMs())}};
    if (!EvidenceSections::overview(m_db, *onboarding, &files, error)
        || !EvidenceSections::documents(m_db, *onboarding, &files, error)
        || !EvidenceSections::signatures(m_db, m_clock, *onboarding, &files, error)
        || !EvidenceSections::forms(m_db, *onboarding, &files, error)
        || !EvidenceSections::decisions(m_db, *onboarding, &files, error)
        || !EvidenceSections::auditEvents(m_db, *onboarding, &files, error)) {
        return std::nullopt;
    }
    QByteArray manifest;
    for (const File &file : std::as_const(files)) {
        manifest += QCryptographicHash::hash(file.data, QCryptographicHash::Sha256).toHex() + "  "
                    + file.path.toUtf8() + '\n';
    }
    files.append({QStringLiteral("MANIFEST.sha256"), manifest});
    return files;
}

bool EvidencePack::write(qint64 onboardingId, const QString &zipPath, const Actor &actor,
                         ServiceError *error, const std::function<void(double)> &progress) const
{
    QString why;
    const std::optional<QList<File>> files = collect(onboardingId, &why);
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&why);
    if (!files || !workspace) {
        ServiceError::set(error, ServiceError::Kind::Internal,
                          tr("The evidence pack could not be put together: %1").arg(why));
        return false;
    }
    // Written first: an export that then fails is still on record as attempted, never the
    // other way round.
    const qint64 now = m_clock.nowMs();
    const AuditEvent audit
        = AuditEvent::make(workspace->id, now, actor, QStringLiteral("evidence.exported"),
                           AuditEvent::subjectOf("onboarding", onboardingId),
                           QStringLiteral("%1 exported an evidence pack of %2 files")
                               .arg(actor.name)
                               .arg(files->size()));
    Transaction transaction(m_db);
    if (!transaction.isActive() || !AuditLog(m_db).append(audit, &why)
        || !transaction.commit(&why)) {
        ServiceError::internal(error);
        return false;
    }
    ZipWriter zip(zipPath);
    const QDateTime modified = QDateTime::fromMSecsSinceEpoch(now, Qt::UTC);
    bool ok = zip.open(&why);
    for (const File &file : *files) {
        ok = ok && zip.add(file.path, file.data, modified, &why);
    }
    if (!ok || !zip.close(&why, progress)) {
        ServiceError::set(error, ServiceError::Kind::Internal, why);
        return false;
    }
    return true;
}

std::optional<QString> EvidencePack::suggestedName(qint64 onboardingId, QString *error) const
{
    const std::optional<Onboarding> onboarding
        = OnboardingRepository(m_db).get(onboardingId, error);
    if (!onboarding) {
        return std::nullopt;
    }
    return QStringLiteral("evidence-%1-%2-%3.zip")
        .arg(EvidenceSections::slug(onboarding->companyName),
             EvidenceSections::slug(onboarding->name),
             QDateTime::fromMSecsSinceEpoch(m_clock.nowMs(), Qt::UTC)
                 .toString(QStringLiteral("yyyy-MM-dd")));
}

} // namespace Gatehouse
