#include "MailConfigService.h"

#include "core/Clock.h"
#include "security/AuditLog.h"
#include "security/StaffAccess.h"
#include "storage/DirectoryRepository.h"
#include "storage/MailConfigRepository.h"
#include "storage/Transaction.h"

#include <QCoreApplication>

namespace Gatehouse {

namespace {

constexpr int kMaxUserLength = 256;
constexpr int kMaxFromNameLength = 100;

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::MailConfigService", text);
}

// Each of these ends up in an SMTP command or a mail header: a line break would smuggle in
// another one.
bool hasControlCharacters(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 32 || c.unicode() == 127) {
            return true;
        }
    }
    return false;
}

} // namespace

MailConfigService::MailConfigService(const Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

MailConfig MailConfigService::trimmed(MailConfig config)
{
    config.smtpUrl = config.smtpUrl.trimmed();
    config.user = config.user.trimmed();
    config.fromAddress = DirectoryRepository::normalisedEmail(config.fromAddress);
    config.fromName = config.fromName.trimmed();
    return config;
}

QString MailConfigService::problem(const MailConfig &config)
{
    if (config.usesSmtp()) {
        if (!SmtpTransport::validateUrl(config.smtpUrl, nullptr)) {
            return tr("The SMTP server must look like smtp://host:587 or smtps://host:465.");
        }
        if (config.fromAddress.isEmpty()) {
            return tr("Mail through an SMTP server needs a sender address.");
        }
    }
    if (!config.fromAddress.isEmpty() && !DirectoryRepository::isValidEmail(config.fromAddress)) {
        return tr("The sender address is not a valid email address.");
    }
    if (config.user.size() > kMaxUserLength || hasControlCharacters(config.user)) {
        return tr("The SMTP user name is too long or contains line breaks.");
    }
    if (config.fromName.size() > kMaxFromNameLength || hasControlCharacters(config.fromName)) {
        return tr("The sender name can be at most %1 characters on one line.")
            .arg(kMaxFromNameLength);
    }
    return {};
}

std::optional<MailConfig> MailConfigService::get(ServiceError *error) const
{
    QString dbError;
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    const std::optional<MailConfig> config
        = workspace ? MailConfigRepository(m_db).get(workspace->id, &dbError) : std::nullopt;
    if (!config) {
        ServiceError::internal(error);
    }
    return config;
}

bool MailConfigService::save(MailConfig config, const Actor &actor, ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::ManageSettings, error)) {
        return false;
    }
    config = trimmed(std::move(config));
    const QString wrong = problem(config);
    if (!wrong.isEmpty()) {
        ServiceError::set(error, ServiceError::Kind::Invalid, wrong);
        return false;
    }
    QString dbError;
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    MailConfigRepository repository(m_db);
    const std::optional<MailConfig> current
        = workspace ? repository.get(workspace->id, &dbError) : std::nullopt;
    if (!current) {
        ServiceError::internal(error);
        return false;
    }
    if (*current == config) {
        return true;
    }
    const qint64 now = m_clock.nowMs();
    const AuditEvent audit = AuditEvent::make(
        workspace->id, now, actor, QStringLiteral("mail.settings_changed"),
        AuditEvent::subjectOf("workspace", workspace->id),
        config.usesSmtp() ? QStringLiteral("Mail is sent through %1 as %2")
                                .arg(config.smtpUrl, config.fromAddress)
                          : QStringLiteral("Mail goes to the local mailbox folder"));
    Transaction transaction(m_db);
    if (!transaction.isActive() || !repository.save(workspace->id, config, now, &dbError)
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

} // namespace Gatehouse
