#include "MailConfigRepository.h"

#include "SqlQuery.h"

namespace Gatehouse {

std::optional<MailConfig> MailConfigRepository::get(qint64 workspaceId, QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT smtp_url, smtp_user, from_address, from_name "
                                        "FROM mail_config WHERE workspace_id = ?"));
    query << workspaceId;
    if (!query.exec(error)) {
        return std::nullopt;
    }
    MailConfig config;
    if (query.next()) {
        config.smtpUrl = query.text(0);
        config.user = query.text(1);
        config.fromAddress = query.text(2);
        config.fromName = query.text(3);
    }
    return config;
}

bool MailConfigRepository::save(qint64 workspaceId, const MailConfig &config, qint64 nowMs,
                                QString *error)
{
    SqlQuery query(m_db, QStringLiteral("INSERT INTO mail_config (workspace_id, smtp_url, "
                                        "smtp_user, from_address, from_name, updated_at) "
                                        "VALUES (?, ?, ?, ?, ?, ?) "
                                        "ON CONFLICT (workspace_id) DO UPDATE SET "
                                        "smtp_url = excluded.smtp_url, "
                                        "smtp_user = excluded.smtp_user, "
                                        "from_address = excluded.from_address, "
                                        "from_name = excluded.from_name, "
                                        "updated_at = excluded.updated_at"));
    query << workspaceId << config.smtpUrl << config.user << config.fromAddress << config.fromName
          << nowMs;
    return query.exec(error);
}

} // namespace Gatehouse
