#pragma once

class QHttpServer;

namespace Gatehouse {

struct PortalContext;

// Files on upload tasks: list, upload, download, take back; and the Documents section (ONB-5).
class DocumentApi
{
public:
    static void registerRoutes(QHttpServer &server, const PortalContext &context);
};

} // namespace Gatehouse
