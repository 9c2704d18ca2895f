#pragma once

class QHttpServer;

namespace Gatehouse {

struct PortalContext;

// What the contact sees of staff viewing their portal (CON-7): who viewed it and when.
class ImpersonationApi
{
public:
    static void registerRoutes(QHttpServer &server, const PortalContext &context);
};

} // namespace Gatehouse
