#pragma once

#include "core/ServiceError.h"
#include "services/TotpService.h"

#include <QList>
#include <QString>

#include <optional>

namespace Gatehouse {

class Clock;
class Database;

struct StaffTotpStatus
{
    bool enabled = false;
    bool pending = false;
    int recoveryCodesLeft = 0;
};

// A member of staff's own TOTP second factor (CON-11), set up from the console's
// "Two-step sign-in…" and asked for by the sign-in after the password (StaffAuthService). The
// secret and recovery codes live in staff_totp and staff_recovery_code; the checks are
// SecondFactor's, as for contacts. Every change is audited.
class StaffTotpService
{
public:
    StaffTotpService(const Database &db, const Clock &clock);

    std::optional<StaffTotpStatus> status(qint64 staffId, ServiceError *error) const;
    // A new pending secret, replacing an unconfirmed one; Conflict when TOTP is on already.
    std::optional<TotpEnrolment> startEnrolment(qint64 staffId, ServiceError *error);
    // A current code turns the pending secret on; returns the recovery codes, shown only now.
    std::optional<QList<QString>> confirmEnrolment(qint64 staffId, const QString &code,
                                                   ServiceError *error);

private:
    const Database &m_db;
    const Clock &m_clock;
};

} // namespace Gatehouse
