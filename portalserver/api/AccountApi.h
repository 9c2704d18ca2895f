#pragma once

#include <QJsonArray>

class QHttpServer;

namespace Gatehouse {

struct PortalAccounts;
struct PortalContext;

// Several accounts on one email (ACC-8): choosing one after the address is proved, and switching
// to another from the portal's header.
class AccountApi
{
public:
    static void registerRoutes(QHttpServer &server, const PortalContext &context);

    // The accounts as /api/v1/me lists them: [{"id": opaque, "company": name}], without the
    // session's own contact unless withCurrent.
    static QJsonArray accountsJson(const PortalAccounts &accounts, bool withCurrent);
};

} // namespace Gatehouse
