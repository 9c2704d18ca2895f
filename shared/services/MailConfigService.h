#pragma once

#include "core/ServiceError.h"
#include "domain/Actor.h"
#include "mail/MailConfig.h"

#include <optional>

namespace Gatehouse {

class Clock;
class Database;

// How the workspace sends mail (CON-10). Staff change it in the console; every change is
// checked first (nothing is saved when any part is wrong) and recorded in the audit trail.
class MailConfigService
{
public:
    MailConfigService(const Database &db, const Clock &clock);

    std::optional<MailConfig> get(ServiceError *error) const;
    // Trims what it is given; saving what is already saved changes and records nothing.
    [[nodiscard]] bool save(MailConfig config, const Actor &actor, ServiceError *error);

    // Why the configuration cannot be used, in a sentence for people; empty when it can.
    static QString problem(const MailConfig &config);
    static MailConfig trimmed(MailConfig config);

private:
    const Database &m_db;
    const Clock &m_clock;
};

} // namespace Gatehouse
