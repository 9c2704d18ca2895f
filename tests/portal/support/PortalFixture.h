#pragma once

#include "PortalClient.h"

#include "core/Clock.h"
#include "domain/Directory.h"
#include "domain/Onboarding.h"
#include "http/FrontDoorLimits.h"
#include "mail/MailMessage.h"

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace Gatehouse {
class Database;
class PortalServer;
} // namespace Gatehouse

namespace Gatehouse::Testing {

class TestDatabase;

// A portal server on a loopback port over a fresh demo workspace (TestDatabase), with a clock
// the test moves, and the steps most portal tests take: invite, sign in, look at the rows.
class PortalFixture
{
public:
    static constexpr qint64 kStartMs = 1'800'000'000'000; // 2027-01-15 08:00 UTC
    // Links in mail and the Origin check come from this address, never from the request.
    static QString publicUrl(Transport transport = Transport::Http)
    {
        return transport == Transport::Https ? QStringLiteral("https://portal.example.test:8443")
                                             : QStringLiteral("http://portal.example.test:8443");
    }
    static QByteArray ownOrigin(Transport transport = Transport::Http)
    {
        return publicUrl(transport).toLatin1();
    }

    // Global data rows "sqlite/http", "sqlite/https" and "postgresql/http" (columns "engine"
    // and "transport"): each engine and each transport, not every pair. TLS ends in the front
    // door and never reaches storage, and a PostgreSQL row costs four SQLite rows; PostgreSQL
    // gets plain HTTP, as it runs behind a reverse proxy when several servers share it.
    static void addEngineAndTransportRows();

    PortalFixture();
    ~PortalFixture();

    // "sqlite" or "postgresql". Over HTTPS the portal serves a self-signed certificate made
    // for this start, and its public URL is https, as a portal serving TLS itself is set up.
    [[nodiscard]] bool start(const QString &engine, QString *error,
                             const FrontDoorLimits &limits = {},
                             Transport transport = Transport::Http);
    void stop();
    bool isRunning() const { return m_server != nullptr; }

    Database &db();
    ManualClock &clock() { return *m_clock; }
    PortalServer &server() { return *m_server; }
    // The server's upload spool folder, its own for each start.
    QString spoolPath() const { return m_spool ? m_spool->path() : QString(); }
    // The spool files in it now.
    QStringList spoolFiles() const;
    quint16 port() const;
    Transport transport() const { return m_transport; }
    // The port, the transport and the certificate to trust: what PortalClient and raw sockets
    // need to reach this portal.
    PortalEndpoint endpoint() const;
    // Secure cookies over HTTPS carry the __Host- prefix.
    QByteArray sessionCookieName() const;
    // The demo's contact, Jordan Client of Example Dental.
    const Contact &contact() const { return m_contact; }

    // A fresh invite (no mail); the token of its link.
    QString inviteToken(qint64 contactId);
    MailMessage lastMailTo(const QString &email);
    // Invite, then POST /api/v1/auth/invite: the pending login and what its mail carries.
    [[nodiscard]] bool startLogin(PortalClient &browser, qint64 contactId, QString *challenge,
                                  QString *code, QString *magicToken, QString *why);
    // The whole sign-in by code; the browser holds the session cookie afterwards.
    [[nodiscard]] bool signIn(PortalClient &browser, qint64 contactId, QString *why);

    // Forgets every rate-limit counter, for tests that sign in more often than people do.
    void forgetRateLimits();

    QList<Task> tasksOf(qint64 companyId);
    // The first task of the company that matches; 0 when none does.
    qint64 taskId(qint64 companyId, OwnerSide side, EvidenceType type, TaskStatus status);
    // Query results as "a|b|c" lines, NULL spelled out.
    QStringList rows(const QString &sql);
    // Everything a refused request must leave alone.
    QStringList state();

private:
    std::unique_ptr<TestDatabase> m_test;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<PortalServer> m_server;
    std::unique_ptr<QTemporaryDir> m_spool;
    std::unique_ptr<QTemporaryDir> m_tlsDir;
    QList<QSslCertificate> m_certificate;
    Transport m_transport = Transport::Http;
    Contact m_contact;
};

} // namespace Gatehouse::Testing
