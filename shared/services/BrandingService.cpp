#include "BrandingService.h"

#include "branding/BrandingRules.h"
#include "core/Clock.h"
#include "security/AuditLog.h"
#include "security/StaffAccess.h"
#include "storage/DirectoryRepository.h"
#include "storage/FileStore.h"
#include "storage/SqlQuery.h"
#include "storage/Transaction.h"

#include <QCoreApplication>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::BrandingService", text);
}

} // namespace

BrandingService::BrandingService(const Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

bool BrandingService::update(const QString &name, const QString &accentColor,
                             const QString &welcomeMessage, const Actor &actor, ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::ManageSettings, error)) {
        return false;
    }
    const QString cleanName = name.simplified();
    if (cleanName.isEmpty() || cleanName.size() > kMaxNameLength) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("Enter the name clients see (at most 100 characters)."));
        return false;
    }
    QString why;
    const std::optional<QString> accent = BrandingRules::checkedAccent(accentColor, &why);
    if (!accent) {
        ServiceError::set(error, ServiceError::Kind::Invalid, why);
        return false;
    }
    const QString welcome = welcomeMessage.trimmed();
    if (welcome.size() > kMaxWelcomeLength) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("The welcome message can be at most 2000 characters long."));
        return false;
    }
    QString dbError;
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    if (!workspace) {
        ServiceError::internal(error);
        return false;
    }
    const qint64 now = m_clock.nowMs();
    Transaction transaction(m_db);
    SqlQuery update(m_db, QStringLiteral("UPDATE workspace SET name = ?, accent_color = ?, "
                                         "welcome_message = ? WHERE id = ?"));
    update << cleanName << *accent << welcome << workspace->id;
    const AuditEvent audit = AuditEvent::make(
        workspace->id, now, actor, QStringLiteral("branding.changed"),
        AuditEvent::subjectOf("workspace", workspace->id),
        QStringLiteral("%1 set the name \"%2\", the accent %3 and a welcome message of %4 "
                       "characters")
            .arg(actor.name, cleanName, *accent)
            .arg(welcome.size()));
    if (!transaction.isActive() || !update.exec(&dbError) || !AuditLog(m_db).append(audit, &dbError)
        || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

bool BrandingService::setLogo(const QByteArray &bytes, const Actor &actor, ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::ManageSettings, error)) {
        return false;
    }
    QString why;
    const std::optional<QByteArray> png = BrandingRules::sanitisedLogo(bytes, &why);
    if (!png) {
        ServiceError::set(error, ServiceError::Kind::Invalid, why);
        return false;
    }
    QString dbError;
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    if (!workspace) {
        ServiceError::internal(error);
        return false;
    }
    const qint64 now = m_clock.nowMs();
    Transaction transaction(m_db);
    const std::optional<StoredFile> stored
        = transaction.isActive()
              ? FileStore(m_db).write(workspace->id, QStringLiteral("logo.png"),
                                      QStringLiteral("image/png"), *png, now, &dbError)
              : std::nullopt;
    SqlQuery update(m_db, QStringLiteral("UPDATE workspace SET logo_file_id = ? WHERE id = ?"));
    update << (stored ? stored->id : 0) << workspace->id;
    const AuditEvent audit
        = AuditEvent::make(workspace->id, now, actor, QStringLiteral("branding.logo"),
                           AuditEvent::subjectOf("workspace", workspace->id),
                           QStringLiteral("%1 set a new logo (SHA-256 %2)")
                               .arg(actor.name, stored ? stored->sha256 : QString()));
    if (!stored || !update.exec(&dbError)
        || (workspace->logoFileId && !FileStore(m_db).remove(workspace->logoFileId, &dbError))
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

bool BrandingService::removeLogo(const Actor &actor, ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::ManageSettings, error)) {
        return false;
    }
    QString dbError;
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    if (!workspace) {
        ServiceError::internal(error);
        return false;
    }
    if (!workspace->logoFileId) {
        return true;
    }
    Transaction transaction(m_db);
    SqlQuery update(m_db, QStringLiteral("UPDATE workspace SET logo_file_id = NULL WHERE id = ?"));
    update << workspace->id;
    const AuditEvent audit
        = AuditEvent::make(workspace->id, m_clock.nowMs(), actor, QStringLiteral("branding.logo"),
                           AuditEvent::subjectOf("workspace", workspace->id),
                           QStringLiteral("%1 removed the logo").arg(actor.name));
    if (!transaction.isActive() || !update.exec(&dbError)
        || !FileStore(m_db).remove(workspace->logoFileId, &dbError)
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

} // namespace Gatehouse
