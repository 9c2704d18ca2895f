#pragma once

class QHttpServer;

namespace Gatehouse {

struct PortalContext;

// Checklist tasks: the items with who ticked them and when, and ticking or unticking one.
class ChecklistApi
{
public:
    static void registerRoutes(QHttpServer &server, const PortalContext &context);
};

} // namespace Gatehouse
