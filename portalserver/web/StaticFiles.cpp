#include "StaticFiles.h"

#include "http/HttpHelpers.h"

#include <QFile>
#include <QHttpServer>

namespace Gatehouse {

namespace {

QHttpServerResponse serve(const QString &relativePath)
{
    if (relativePath.contains(QLatin1String("..")) || relativePath.startsWith(QLatin1Char('/'))) {
        return Http::error(Http::Status::NotFound, QStringLiteral("not_found"),
                           QStringLiteral("Not found."));
    }
    QFile file(QStringLiteral(":/portal/") + relativePath);
    if (!file.open(QIODevice::ReadOnly)) {
        return Http::error(Http::Status::NotFound, QStringLiteral("not_found"),
                           QStringLiteral("Not found."));
    }
    QHttpServerResponse response(StaticFiles::mimeType(relativePath), file.readAll());
    // Small files, served from memory: revalidating each time keeps upgrades instant.
    response.addHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-cache"));
    return response;
}

} // namespace

QByteArray StaticFiles::mimeType(const QString &fileName)
{
    if (fileName.endsWith(QLatin1String(".html"))) {
        return QByteArrayLiteral("text/html; charset=utf-8");
    }
    if (fileName.endsWith(QLatin1String(".css"))) {
        return QByteArrayLiteral("text/css; charset=utf-8");
    }
    if (fileName.endsWith(QLatin1String(".js")) || fileName.endsWith(QLatin1String(".mjs"))) {
        return QByteArrayLiteral("text/javascript; charset=utf-8");
    }
    if (fileName.endsWith(QLatin1String(".svg"))) {
        return QByteArrayLiteral("image/svg+xml");
    }
    if (fileName.endsWith(QLatin1String(".png"))) {
        return QByteArrayLiteral("image/png");
    }
    if (fileName.endsWith(QLatin1String(".yaml"))) {
        return QByteArrayLiteral("application/yaml");
    }
    return QByteArrayLiteral("application/octet-stream");
}

void StaticFiles::registerRoutes(QHttpServer &server, const PortalContext &)
{
    using Method = QHttpServerRequest::Method;
    const auto index = [] {
        return serve(QStringLiteral("index.html"));
    };
    server.route(QStringLiteral("/"), Method::Get, index);
    server.route(QStringLiteral("/login"), Method::Get, index);
    // The token stays in the page's own address; the page posts it, a GET changes nothing.
    server.route(QStringLiteral("/i/<arg>"), Method::Get,
                 [index](const QString &) { return index(); });
    server.route(QStringLiteral("/m/<arg>"), Method::Get,
                 [index](const QString &) { return index(); });
    server.route(QStringLiteral("/assets/<arg>"), Method::Get,
                 [](const QString &file) { return serve(file); });
    server.route(QStringLiteral("/assets/<arg>/<arg>"), Method::Get,
                 [](const QString &folder, const QString &file) {
                     return serve(folder + QLatin1Char('/') + file);
                 });
    // Each task kind's view: /assets/views/tasks/<kind>.js.
    server.route(QStringLiteral("/assets/<arg>/<arg>/<arg>"), Method::Get,
                 [](const QString &folder, const QString &subfolder, const QString &file) {
                     return serve(folder + QLatin1Char('/') + subfolder + QLatin1Char('/') + file);
                 });
    server.route(QStringLiteral("/api/v1/openapi.yaml"), Method::Get,
                 [] { return serve(QStringLiteral("openapi.yaml")); });
}

} // namespace Gatehouse
