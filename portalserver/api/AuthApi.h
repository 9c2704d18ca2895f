#pragma once

class QHttpServer;

namespace Gatehouse {

struct PortalContext;

// Sign-in: invite → pending login → code or magic link → session; branding for the login
// page; the signed-in contact.
class AuthApi
{
public:
    static void registerRoutes(QHttpServer &server, const PortalContext &context);
};

} // namespace Gatehouse
