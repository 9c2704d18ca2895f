#include "PageApi.h"

#include "PortalContext.h"
#include "http/HttpHelpers.h"
#include "services/PageService.h"
#include "text/Markdown.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QJsonObject>

namespace Gatehouse {

void PageApi::registerRoutes(QHttpServer &server, const PortalContext &context)
{
    using Method = QHttpServerRequest::Method;

    // Not in the home cache: built from the pages on every request, and revalidated by ETag,
    // so a page staff just hid is never served from memory.
    server.route(
        QStringLiteral("/api/v1/pages"), Method::Get,
        [&context](const QHttpServerRequest &request) {
            QHttpServerResponse refusal(Http::Status::Unauthorized);
            const auto session
                = context.requirePermission(request, PortalPermission::ViewOnboarding, &refusal);
            if (!session) {
                return refusal;
            }
            QString error;
            const QList<PortalPage> pages = PageService(context.db, context.clock)
                                                .visibleForCompany(session->companyId, &error);
            if (!error.isEmpty()) {
                return Http::internalError();
            }
            QJsonArray list;
            for (const PortalPage &page : pages) {
                list.append(
                    QJsonObject{{QStringLiteral("id"), page.id},
                                {QStringLiteral("title"), page.title},
                                {QStringLiteral("html"), Markdown::toSafeHtml(page.body)},
                                {QStringLiteral("updatedAt"), Http::isoTime(page.updatedAtMs)}});
            }
            return Http::conditionalJson(request, {{QStringLiteral("pages"), list}});
        });
}

} // namespace Gatehouse
