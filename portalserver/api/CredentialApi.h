#pragma once

class QHttpServer;

namespace Gatehouse {

struct PortalContext;

// Credential handoff tasks: a contact hands over a login, pasted text or a file, which the
// server seals to the vault at once; afterwards they see that and when they sent it, never what.
class CredentialApi
{
public:
    static void registerRoutes(QHttpServer &server, const PortalContext &context);
};

} // namespace Gatehouse
