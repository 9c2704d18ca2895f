#include "PreviewRequestGuard.h"

#include "PortalPreviewSchemeHandler.h"
#include "core/ConsoleLogging.h"

#include <QUrl>

namespace Gatehouse {

void PreviewRequestGuard::interceptRequest(QWebEngineUrlRequestInfo &info)
{
    const QString scheme = info.requestUrl().scheme();
    // data: and blob: never leave the page.
    if (scheme == QLatin1String(PortalPreviewSchemeHandler::schemeName())
        || scheme == QLatin1String("data") || scheme == QLatin1String("blob")) {
        return;
    }
    qCWarning(lcConsole).noquote() << "branding preview: blocked a request for"
                                   << info.requestUrl().toDisplayString(QUrl::RemoveQuery);
    info.block(true);
}

} // namespace Gatehouse
