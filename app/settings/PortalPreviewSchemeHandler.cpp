#include "PortalPreviewSchemeHandler.h"

#include "web/PortalTranslations.h"
#include "web/StaticFiles.h"

#include <QBuffer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QWebEngineUrlRequestJob>
#include <QWebEngineUrlScheme>

namespace Gatehouse {

namespace {

const QString kLogoPath = QStringLiteral("/api/v1/branding/logo");

PortalPreviewSchemeHandler::Answer ok(const QByteArray &contentType, const QByteArray &body)
{
    return {200, contentType, body};
}

PortalPreviewSchemeHandler::Answer notFound(const QString &message)
{
    // The portal's own error shape (Http::error), so the page reads it as it would there.
    const QJsonObject error{{QStringLiteral("error"), message},
                            {QStringLiteral("code"), QStringLiteral("not_found")}};
    return {404, QByteArrayLiteral("application/json"),
            QJsonDocument(error).toJson(QJsonDocument::Compact)};
}

// The page routes the portal server answers with index.html (StaticFiles).
bool isPageRoute(const QString &path)
{
    static const QRegularExpression route(QStringLiteral("^/(login/?|[im]/[^/]+/?)?$"));
    return route.match(path).hasMatch();
}

} // namespace

PortalPreviewSchemeHandler::PortalPreviewSchemeHandler(QObject *parent)
    : QWebEngineUrlSchemeHandler(parent)
{}

PortalPreviewSchemeHandler::~PortalPreviewSchemeHandler() = default;

QByteArray PortalPreviewSchemeHandler::schemeName()
{
    return QByteArrayLiteral("gatehouse-preview");
}

void PortalPreviewSchemeHandler::registerScheme()
{
    if (QWebEngineUrlScheme::schemeByName(schemeName()).name() == schemeName()) {
        return;
    }
    QWebEngineUrlScheme scheme(schemeName());
    // A host gives the page an origin of its own, so its fetch("/api/v1/...") stays on this
    // scheme; secure as the portal is over TLS; CORS for its module scripts.
    scheme.setSyntax(QWebEngineUrlScheme::Syntax::Host);
    QWebEngineUrlScheme::Flags flags
        = QWebEngineUrlScheme::SecureScheme | QWebEngineUrlScheme::CorsEnabled;
#if QT_VERSION >= QT_VERSION_CHECK(6, 6, 0)
    flags |= QWebEngineUrlScheme::FetchApiAllowed;
#endif
    scheme.setFlags(flags);
    QWebEngineUrlScheme::registerScheme(scheme);
}

QUrl PortalPreviewSchemeHandler::startUrl()
{
    return QUrl(QString::fromLatin1(schemeName()) + QStringLiteral("://portal/i/preview"));
}

void PortalPreviewSchemeHandler::setBranding(const PreviewBranding &branding)
{
    if (branding.logoPng != m_branding.logoPng) {
        ++m_logoVersion; // a new address, so the page never shows the old logo from its cache
    }
    m_branding = branding;
}

QByteArray PortalPreviewSchemeHandler::brandingJson() const
{
    // The shape of GET /api/v1/branding (AuthApi), from the unsaved form.
    const QJsonObject branding{
        {QStringLiteral("name"), m_branding.name.trimmed()},
        {QStringLiteral("accentColor"), m_branding.accentColor.trimmed()},
        {QStringLiteral("welcomeMessage"), m_branding.welcomeMessage},
        {QStringLiteral("logoUrl"),
         m_branding.logoPng.isEmpty()
             ? QJsonValue()
             : QJsonValue(kLogoPath + QStringLiteral("?v=%1").arg(m_logoVersion))}};
    return QJsonDocument(branding).toJson(QJsonDocument::Compact);
}

QByteArray PortalPreviewSchemeHandler::catalogJson() const
{
    if (!m_translations) {
        m_translations = std::make_unique<PortalTranslations>();
    }
    // The language the portal would choose for this machine's browser.
    const QString language = m_translations->negotiate(QLocale().bcp47Name().toLatin1());
    const QJsonObject body{{QStringLiteral("lang"), language},
                           {QStringLiteral("strings"), m_translations->catalog(language)}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

PortalPreviewSchemeHandler::Answer PortalPreviewSchemeHandler::answer(const QByteArray &method,
                                                                      const QUrl &url) const
{
    const QString path = url.path();
    if (url.scheme() != QLatin1String(schemeName()) || method != "GET") {
        return notFound(QStringLiteral("The preview only shows the portal; it sends nothing."));
    }
    if (isPageRoute(path)) {
        QFile file(QStringLiteral(":/portal/index.html"));
        return file.open(QIODevice::ReadOnly)
                   ? ok(StaticFiles::mimeType(file.fileName()), file.readAll())
                   : notFound(QStringLiteral("Not found."));
    }
    if (path.startsWith(QLatin1String("/assets/"))) {
        const QString relative = path.mid(int(qstrlen("/assets/")));
        QFile file(QStringLiteral(":/portal/") + relative);
        if (relative.contains(QLatin1String("..")) || !file.open(QIODevice::ReadOnly)) {
            return notFound(QStringLiteral("Not found."));
        }
        return ok(StaticFiles::mimeType(relative), file.readAll());
    }
    if (path == QLatin1String("/api/v1/branding")) {
        return ok(QByteArrayLiteral("application/json"), brandingJson());
    }
    if (path == kLogoPath) {
        return m_branding.logoPng.isEmpty()
                   ? notFound(QStringLiteral("There is no logo."))
                   : ok(QByteArrayLiteral("image/png"), m_branding.logoPng);
    }
    if (path == QLatin1String("/api/v1/i18n")) {
        return ok(QByteArrayLiteral("application/json"), catalogJson());
    }
    return notFound(QStringLiteral("There is nothing at %1 in the preview.").arg(path));
}

void PortalPreviewSchemeHandler::requestStarted(QWebEngineUrlRequestJob *job)
{
    const Answer result = answer(job->requestMethod(), job->requestUrl());
    Q_EMIT answered(job->requestMethod(), job->requestUrl().path(), result.status);
    if (result.status != 200) {
        // Qt WebEngine 6.4 cannot send a status with a body: this arrives as a 404 without one.
        job->fail(QWebEngineUrlRequestJob::UrlNotFound);
        return;
    }
    auto *body = new QBuffer(job);
    body->setData(result.body);
    body->open(QIODevice::ReadOnly);
    job->reply(result.contentType, body);
}

} // namespace Gatehouse
