#pragma once

#include "mail/MailConfig.h"

#include <optional>

namespace Gatehouse {

class Database;

// The workspace's mail configuration (table mail_config). No rules here: MailConfigService
// checks input and records each change.
class MailConfigRepository
{
public:
    explicit MailConfigRepository(const Database &db)
        : m_db(db)
    {}

    // An empty configuration (the local mailbox) when none was saved.
    std::optional<MailConfig> get(qint64 workspaceId, QString *error) const;
    [[nodiscard]] bool save(qint64 workspaceId, const MailConfig &config, qint64 nowMs,
                            QString *error);

private:
    const Database &m_db;
};

} // namespace Gatehouse
