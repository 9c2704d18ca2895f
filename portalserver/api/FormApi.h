#pragma once

class QHttpServer;

namespace Gatehouse {

struct PortalContext;

// Form tasks: the questions and the company's entries, saving, removing and submitting them.
class FormApi
{
public:
    static void registerRoutes(QHttpServer &server, const PortalContext &context);
};

} // namespace Gatehouse
