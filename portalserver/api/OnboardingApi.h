#pragma once

class QHttpServer;

namespace Gatehouse {

struct PortalContext;

// The signed-in contact's onboardings, phases and tasks, and completing a task.
class OnboardingApi
{
public:
    static void registerRoutes(QHttpServer &server, const PortalContext &context);
};

} // namespace Gatehouse
