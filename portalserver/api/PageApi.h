#pragma once

class QHttpServer;

namespace Gatehouse {

struct PortalContext;

// Pages (ONB-7): the reference articles staff made visible, rendered to safe HTML.
class PageApi
{
public:
    static void registerRoutes(QHttpServer &server, const PortalContext &context);
};

} // namespace Gatehouse
