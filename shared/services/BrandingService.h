#pragma once

#include "core/ServiceError.h"
#include "domain/Actor.h"

#include <QByteArray>
#include <QString>

namespace Gatehouse {

class Clock;
class Database;

// The workspace's branding (ONB-10), as staff edit it in the console's settings: the name
// clients see, the accent colour, the welcome message and the logo. The portal and every mail
// use them. Each change is in the audit trail.
class BrandingService
{
public:
    BrandingService(const Database &db, const Clock &clock);

    static constexpr int kMaxNameLength = 100;
    static constexpr int kMaxWelcomeLength = 2000;

    [[nodiscard]] bool update(const QString &name, const QString &accentColor,
                              const QString &welcomeMessage, const Actor &actor,
                              ServiceError *error);
    // A PNG, JPEG or SVG file's bytes; stored as a PNG Gatehouse made (BrandingRules).
    [[nodiscard]] bool setLogo(const QByteArray &bytes, const Actor &actor, ServiceError *error);
    [[nodiscard]] bool removeLogo(const Actor &actor, ServiceError *error);

private:
    const Database &m_db;
    const Clock &m_clock;
};

} // namespace Gatehouse
