#pragma once

class QHttpServer;

namespace Gatehouse {

struct PortalContext;

// Approval tasks: the contact's decision, and the Approvals section (ONB-6).
class ApprovalApi
{
public:
    static void registerRoutes(QHttpServer &server, const PortalContext &context);
};

} // namespace Gatehouse
