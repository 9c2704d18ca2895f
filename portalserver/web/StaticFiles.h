#pragma once

#include <QByteArray>
#include <QString>

class QHttpServer;

namespace Gatehouse {

struct PortalContext;

// The web client compiled into the binary (resources/portal): index.html for the page routes,
// everything else under /assets/.
class StaticFiles
{
public:
    static void registerRoutes(QHttpServer &server, const PortalContext &context);
    static QByteArray mimeType(const QString &fileName);
};

} // namespace Gatehouse
