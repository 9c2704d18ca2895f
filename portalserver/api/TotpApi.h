#pragma once

class QHttpServer;

namespace Gatehouse {

struct PortalContext;

// The TOTP second factor (ACC-10): the second step of a sign-in, and setting it up, renewing
// recovery codes and turning it off in the account view.
class TotpApi
{
public:
    static void registerRoutes(QHttpServer &server, const PortalContext &context);
};

} // namespace Gatehouse
