#pragma once

class QHttpServer;

namespace Gatehouse {

struct PortalContext;

// Secure file drop tasks: a contact drops files, which the server encrypts as they arrive and
// seals to the vault; they see each file's name, size and expiry, whether staff downloaded it,
// and may delete it until then. Nothing here can open a drop.
class FileDropApi
{
public:
    static void registerRoutes(QHttpServer &server, const PortalContext &context);
};

} // namespace Gatehouse
