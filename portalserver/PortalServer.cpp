#include "PortalServer.h"

#include "api/AccountApi.h"
#include "api/ApprovalApi.h"
#include "api/AuthApi.h"
#include "api/ChecklistApi.h"
#include "api/CommentApi.h"
#include "api/CredentialApi.h"
#include "api/DocumentApi.h"
#include "api/FileDropApi.h"
#include "api/FormApi.h"
#include "api/ImpersonationApi.h"
#include "api/LargeBodyAdmission.h"
#include "api/MeetingApi.h"
#include "api/OnboardingApi.h"
#include "api/PageApi.h"
#include "api/QuestionApi.h"
#include "api/SignatureApi.h"
#include "api/TotpApi.h"
#include "http/FrontDoor.h"
#include "http/HttpHelpers.h"
#include "http/TlsFiles.h"
#include "http/TransferRegistry.h"
#include "web/StaticFiles.h"

#include <QDir>
#include <QHttpServer>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMetaEnum>
#include <QTcpServer>
#include <QUrl>

#ifdef Q_OS_LINUX
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#endif

Q_LOGGING_CATEGORY(lcPortal, "gatehouse.portal")

namespace Gatehouse {

namespace {

#ifdef Q_OS_LINUX
// A listening socket that other sockets of this user may bind to as well (SO_REUSEPORT), so
// that one server per thread can accept on the same port. The option must be set before
// bind(), which is why the socket is made here rather than by QTcpServer::listen().
// Returns the descriptor, or -1 with *error.
int sharedListeningSocket(const QHostAddress &address, quint16 port, QString *error)
{
    const bool v6 = address.protocol() != QAbstractSocket::IPv4Protocol;
    const auto fail = [error, &address, port](const char *step, int fd) {
        if (error) {
            *error = QStringLiteral("Cannot listen on %1:%2: %3 failed: %4")
                         .arg(address.toString())
                         .arg(port)
                         .arg(QLatin1String(step), QString::fromLocal8Bit(std::strerror(errno)));
        }
        if (fd >= 0) {
            ::close(fd);
        }
        return -1;
    };
    const int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return fail("socket()", fd);
    }
    const int on = 1;
    if (::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) != 0
        || ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) != 0) {
        return fail("setsockopt()", fd);
    }
    sockaddr_storage storage = {};
    socklen_t length = 0;
    if (v6) {
        const int off = 0; // QHostAddress::Any: IPv4 as well
        if (address.protocol() == QAbstractSocket::AnyIPProtocol
            && ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off) != 0) {
            return fail("setsockopt()", fd);
        }
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(&storage);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        const Q_IPV6ADDR ip = address.protocol() == QAbstractSocket::AnyIPProtocol
                                  ? QHostAddress(QHostAddress::AnyIPv6).toIPv6Address()
                                  : address.toIPv6Address();
        std::memcpy(&in6->sin6_addr, &ip, sizeof ip);
        in6->sin6_scope_id = address.scopeId().toUInt();
        length = sizeof(sockaddr_in6);
    } else {
        auto *in4 = reinterpret_cast<sockaddr_in *>(&storage);
        in4->sin_family = AF_INET;
        in4->sin_port = htons(port);
        in4->sin_addr.s_addr = htonl(address.toIPv4Address());
        length = sizeof(sockaddr_in);
    }
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&storage), length) != 0) {
        return fail("bind()", fd);
    }
    if (::listen(fd, SOMAXCONN) != 0) {
        return fail("listen()", fd);
    }
    return fd;
}
#endif

} // namespace

PortalServer::PortalServer(const Database &db, PortalConfig config, const Clock &clock,
                           QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_config(std::move(config))
    , m_clock(clock)
{}

PortalServer::~PortalServer() = default;

std::optional<PortalConfig> PortalServer::parseListen(const QString &text, QString *error)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    bool portOk = false;
    const uint port = colon > 0 ? text.mid(colon + 1).toUInt(&portOk) : 0;
    QString host = colon > 0 ? text.left(colon) : QString();
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']'))) {
        host = host.mid(1, host.size() - 2);
    }
    const QHostAddress address(host == QLatin1String("localhost") ? QStringLiteral("127.0.0.1")
                                                                  : host);
    if (!portOk || port > 65535 || address.isNull()) {
        if (error) {
            *error = QStringLiteral("--listen wants ADDRESS:PORT, such as 127.0.0.1:8080 or "
                                    "0.0.0.0:443, not \"%1\".")
                         .arg(text);
        }
        return std::nullopt;
    }
    PortalConfig config;
    config.address = address;
    config.port = quint16(port);
    return config;
}

int PortalServer::openSpools() const
{
    return m_transfers ? m_transfers->spoolCount() : 0;
}

int PortalServer::openConnections() const
{
    return m_listener ? m_listener->openConnections() : 0;
}

bool PortalServer::start(QString *error)
{
    m_transfers = std::make_shared<TransferRegistry>(
        m_config.spoolPath.isEmpty() ? QDir::temp().filePath(QStringLiteral("gatehouse-spool"))
                                     : m_config.spoolPath);
    if (!m_transfers->prepare(error)) {
        return false;
    }
    m_http = std::make_unique<QHttpServer>();
    m_listener = new FrontDoor(m_config.limits, m_http.get());
    m_listener->setTransfers(m_transfers.get());
    const bool tls = !m_config.tlsCertificateFile.isEmpty();
    if (tls) {
        const std::optional<QSslConfiguration> configuration
            = TlsFiles::load(m_config.tlsCertificateFile, m_config.tlsKeyFile, error);
        if (!configuration) {
            return false;
        }
        m_listener->setTls(*configuration);
    }
    if (!listen(error)) {
        return false;
    }
    QString publicUrl = m_config.publicUrl;
    if (publicUrl.isEmpty()) {
        QUrl url;
        url.setScheme(tls ? QStringLiteral("https") : QStringLiteral("http"));
        url.setHost(m_config.address.isEqual(QHostAddress::AnyIPv4) ? QStringLiteral("127.0.0.1")
                                                                    : m_config.address.toString());
        url.setPort(m_listener->serverPort());
        publicUrl = url.toString();
    }
    while (publicUrl.endsWith(QLatin1Char('/'))) {
        publicUrl.chop(1);
    }
    const QUrl parsed(publicUrl);
    QString origin = parsed.scheme() + QStringLiteral("://") + parsed.host();
    if (parsed.port() != -1) {
        origin += QLatin1Char(':') + QString::number(parsed.port());
    }
    m_context = std::make_unique<PortalContext>(
        PortalContext{m_db, m_clock, publicUrl, origin, parsed.scheme() == QLatin1String("https"),
                      m_config.limits.trustedProxies, m_transfers});
    registerRoutes();
    // On this thread, with this server's database connection: one session lookup per large body.
    m_listener->setLargeBodyAdmission([context = m_context.get()](const QByteArray &head) {
        return LargeBodyAdmission::check(*context, head);
    });
    m_http->bind(m_listener);
    qCInfo(lcPortal).noquote() << "portal listening on" << m_config.address.toString() << "port"
                               << m_listener->serverPort() << "public address" << publicUrl;
    return true;
}

bool PortalServer::canSharePort()
{
#ifdef Q_OS_LINUX
    return true;
#else
    return false;
#endif
}

bool PortalServer::listen(QString *error)
{
#ifdef Q_OS_LINUX
    if (m_config.sharePort) {
        const int fd = sharedListeningSocket(m_config.address, m_config.port, error);
        if (fd < 0) {
            return false;
        }
        if (!m_listener->setSocketDescriptor(fd)) {
            ::close(fd);
            if (error) {
                *error = QStringLiteral("Cannot listen on %1:%2: %3")
                             .arg(m_config.address.toString())
                             .arg(m_config.port)
                             .arg(m_listener->errorString());
            }
            return false;
        }
        return true;
    }
#endif
    if (!m_listener->listen(m_config.address, m_config.port)) {
        if (error) {
            *error = QStringLiteral("Cannot listen on %1:%2: %3")
                         .arg(m_config.address.toString())
                         .arg(m_config.port)
                         .arg(m_listener->errorString());
        }
        return false;
    }
    return true;
}

quint16 PortalServer::port() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

QString PortalServer::publicUrl() const
{
    return m_context ? m_context->publicUrl : m_config.publicUrl;
}

void PortalServer::registerRoutes()
{
    const PortalContext &context = *m_context;
    // QHttpServer 6.4 tries the rules in this order, a regular expression each, until one
    // matches: the routes a signed-in client calls most (home, a task) go first. No two files
    // register the same path and method, so the order changes nothing else; the static files'
    // catch-all stays last.
    OnboardingApi::registerRoutes(*m_http, context);
    AuthApi::registerRoutes(*m_http, context);
    TotpApi::registerRoutes(*m_http, context);
    ImpersonationApi::registerRoutes(*m_http, context);
    AccountApi::registerRoutes(*m_http, context);
    DocumentApi::registerRoutes(*m_http, context);
    CommentApi::registerRoutes(*m_http, context);
    ApprovalApi::registerRoutes(*m_http, context);
    SignatureApi::registerRoutes(*m_http, context);
    QuestionApi::registerRoutes(*m_http, context);
    PageApi::registerRoutes(*m_http, context);
    MeetingApi::registerRoutes(*m_http, context);
    FormApi::registerRoutes(*m_http, context);
    ChecklistApi::registerRoutes(*m_http, context);
    CredentialApi::registerRoutes(*m_http, context);
    FileDropApi::registerRoutes(*m_http, context);
    StaticFiles::registerRoutes(*m_http, context);

    m_http->route(
        QStringLiteral("/api/v1/i18n"), QHttpServerRequest::Method::Get,
        [this](const QHttpServerRequest &request) {
            const QString language
                = m_translations.negotiate(request.value(QByteArrayLiteral("Accept-Language")));
            return Http::json({{QStringLiteral("lang"), language},
                               {QStringLiteral("strings"), m_translations.catalog(language)}});
        });

    const bool secure = context.secure;
    m_http->afterRequest([this, secure](QHttpServerResponse &&response) {
        m_requestsServed.fetch_add(1, std::memory_order_relaxed);
        Http::addSecurityHeaders(response, secure);
        return std::move(response);
    });
    m_http->setMissingHandler([secure](const QHttpServerRequest &request,
                                       QHttpServerResponder &&responder) {
        QHttpServerResponse response
            = Http::error(Http::Status::NotFound, QStringLiteral("not_found"),
                          QStringLiteral("There is nothing at %1 for %2.")
                              .arg(request.url().path(),
                                   QString::fromLatin1(
                                       QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(
                                           int(request.method())))));
        Http::addSecurityHeaders(response, secure);
        response.write(std::move(responder));
    });
}

} // namespace Gatehouse
