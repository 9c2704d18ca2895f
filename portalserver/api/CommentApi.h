#pragma once

class QHttpServer;

namespace Gatehouse {

struct PortalContext;

// The thread on each task (ONB-9), as a contact reads and writes it: internal notes never
// reach these routes.
class CommentApi
{
public:
    static void registerRoutes(QHttpServer &server, const PortalContext &context);
};

} // namespace Gatehouse
