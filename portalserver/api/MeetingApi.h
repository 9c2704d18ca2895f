#pragma once

class QHttpServer;

namespace Gatehouse {

struct PortalContext;

// A meeting task's calendar file, for "Add to calendar" in the portal.
class MeetingApi
{
public:
    static void registerRoutes(QHttpServer &server, const PortalContext &context);
};

} // namespace Gatehouse
