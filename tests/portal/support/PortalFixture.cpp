#include "PortalFixture.h"

#include "TestDatabase.h"

#include "PortalServer.h"
#include "http/TlsFiles.h"
#include "mail/OutboxRepository.h"
#include "security/Tokens.h"
#include "services/InviteService.h"
#include "services/WorkspaceSetup.h"
#include "storage/DirectoryRepository.h"
#include "storage/OnboardingRepository.h"
#include "storage/SqlQuery.h"

#include <QDir>
#include <QSqlRecord>
#include <QTest>

namespace Gatehouse::Testing {

void PortalFixture::addEngineAndTransportRows()
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QString>("transport");
    QTest::newRow("sqlite/http") << QStringLiteral("sqlite") << QStringLiteral("http");
    QTest::newRow("sqlite/https") << QStringLiteral("sqlite") << QStringLiteral("https");
    QTest::newRow("postgresql/http") << QStringLiteral("postgresql") << QStringLiteral("http");
}

PortalFixture::PortalFixture() = default;

PortalFixture::~PortalFixture()
{
    stop();
}

bool PortalFixture::start(const QString &engine, QString *error, const FrontDoorLimits &limits,
                          Transport transport)
{
    stop();
    m_transport = transport;
    m_test = TestDatabase::create(engine);
    if (!m_test) {
        *error = QStringLiteral("no %1 test database (see the warning above)").arg(engine);
        return false;
    }
    m_clock = std::make_unique<ManualClock>(kStartMs);
    if (!WorkspaceSetup(db(), *m_clock).ensureDemo(nullptr, nullptr, error)) {
        return false;
    }
    const QList<Contact> contacts = DirectoryRepository(db()).contactsByEmail(
        WorkspaceSetup::demoCredentials().contactEmail, error);
    if (contacts.size() != 1) {
        *error = QStringLiteral("the demo has no single contact");
        return false;
    }
    m_contact = contacts.first();

    PortalConfig config;
    config.address = QHostAddress::LocalHost;
    config.port = 0;
    config.limits = limits;
    config.publicUrl = publicUrl(transport) + QLatin1Char('/');
    if (transport == Transport::Https) {
        m_tlsDir = std::make_unique<QTemporaryDir>();
        if (!TlsFiles::ensureSelfSigned(m_tlsDir->path(), QString(), &config.tlsCertificateFile,
                                        &config.tlsKeyFile, error)) {
            return false;
        }
        m_certificate = QSslCertificate::fromPath(config.tlsCertificateFile);
    }
    m_spool = std::make_unique<QTemporaryDir>();
    config.spoolPath = m_spool->path();
    m_server = std::make_unique<PortalServer>(db(), config, *m_clock);
    if (!m_server->start(error)) {
        return false;
    }
    if (m_server->publicUrl() != publicUrl(transport)) {
        *error = QStringLiteral("public URL %1").arg(m_server->publicUrl());
        return false;
    }
    return true;
}

void PortalFixture::stop()
{
    m_server.reset();
    m_spool.reset();
    m_test.reset();
    m_clock.reset();
    m_tlsDir.reset();
    m_certificate.clear();
}

QStringList PortalFixture::spoolFiles() const
{
    return m_spool ? QDir(m_spool->path()).entryList(QDir::Files) : QStringList();
}

Database &PortalFixture::db()
{
    return m_test->db();
}

quint16 PortalFixture::port() const
{
    return m_server ? m_server->port() : 0;
}

PortalEndpoint PortalFixture::endpoint() const
{
    return PortalEndpoint{port(), m_transport, m_certificate};
}

QByteArray PortalFixture::sessionCookieName() const
{
    return m_transport == Transport::Https ? QByteArrayLiteral("__Host-gh_session")
                                           : QByteArrayLiteral("gh_session");
}

QString PortalFixture::inviteToken(qint64 contactId)
{
    ServiceError error;
    const std::optional<QString> link
        = InviteService(db(), *m_clock, publicUrl(m_transport))
              .invite(contactId, Actor::system(QStringLiteral("test")), false, &error);
    return link ? link->section(QLatin1Char('/'), -1) : QString();
}

MailMessage PortalFixture::lastMailTo(const QString &email)
{
    QString error;
    const QList<MailMessage> recent = OutboxRepository(db()).recent(50, &error);
    for (const MailMessage &mail : recent) {
        if (mail.to == email) {
            return mail;
        }
    }
    return MailMessage();
}

bool PortalFixture::startLogin(PortalClient &browser, qint64 contactId, QString *challenge,
                               QString *code, QString *magicToken, QString *why)
{
    QString error;
    const std::optional<Contact> contact = DirectoryRepository(db()).contact(contactId, &error);
    const QString token = inviteToken(contactId);
    if (!contact || !Tokens::looksLikeToken(token)) {
        *why = QStringLiteral("no invite for contact %1").arg(contactId);
        return false;
    }
    const HttpReply started
        = browser.post(QStringLiteral("/api/v1/auth/invite"), {{QStringLiteral("token"), token}});
    if (started.status != 200) {
        *why = QStringLiteral("POST /api/v1/auth/invite: ") + QString::fromUtf8(started.describe());
        return false;
    }
    *challenge = started.json().value(QStringLiteral("challenge")).toString();
    const MailMessage mail = lastMailTo(contact->email);
    *code = signInCodeIn(mail.text);
    if (magicToken) {
        *magicToken = magicTokenIn(mail.text);
    }
    if (!Tokens::looksLikeToken(*challenge) || code->size() != 6) {
        *why = QStringLiteral("no challenge or code; mail: ") + mail.text;
        return false;
    }
    return true;
}

bool PortalFixture::signIn(PortalClient &browser, qint64 contactId, QString *why)
{
    QString challenge;
    QString code;
    if (!startLogin(browser, contactId, &challenge, &code, nullptr, why)) {
        return false;
    }
    const HttpReply signedIn
        = browser.post(QStringLiteral("/api/v1/auth/code"),
                       {{QStringLiteral("challenge"), challenge}, {QStringLiteral("code"), code}});
    if (signedIn.status != 200 || browser.session().isEmpty()) {
        *why = QStringLiteral("POST /api/v1/auth/code: ") + QString::fromUtf8(signedIn.describe());
        return false;
    }
    if (!browser.learnCsrfToken()) {
        *why = QStringLiteral("GET /api/v1/me gave no csrfToken");
        return false;
    }
    return true;
}

void PortalFixture::forgetRateLimits()
{
    SqlQuery query(db(), QStringLiteral("DELETE FROM rate_limit"));
    QString error;
    if (!query.exec(&error)) {
        qWarning("could not forget rate limits: %s", qPrintable(error));
    }
}

QList<Task> PortalFixture::tasksOf(qint64 companyId)
{
    QString error;
    QList<Task> tasks;
    for (const Onboarding &onboarding : OnboardingRepository(db()).forCompany(companyId, &error)) {
        for (const Phase &phase : onboarding.phases) {
            tasks += phase.tasks;
        }
    }
    return tasks;
}

qint64 PortalFixture::taskId(qint64 companyId, OwnerSide side, EvidenceType type, TaskStatus status)
{
    for (const Task &task : tasksOf(companyId)) {
        if (task.ownerSide == side && task.evidenceType == type && task.status == status) {
            return task.id;
        }
    }
    return 0;
}

QStringList PortalFixture::rows(const QString &sql)
{
    SqlQuery query(db(), sql);
    QString error;
    if (!query.exec(&error)) {
        return {QStringLiteral("error: ") + error};
    }
    QStringList result;
    while (query.next()) {
        QStringList cells;
        for (int i = 0; i < query.raw().record().count(); ++i) {
            cells.append(query.isNull(i) ? QStringLiteral("NULL") : query.value(i).toString());
        }
        result.append(cells.join(QLatin1Char('|')));
    }
    return result;
}

QStringList PortalFixture::state()
{
    return rows(QStringLiteral("SELECT id, status, completed_at, completed_by, completion_note, "
                               "updated_at FROM task ORDER BY id"))
           + rows(QStringLiteral("SELECT COUNT(*) FROM activity"))
           + rows(QStringLiteral("SELECT COUNT(*) FROM outbox"))
           + rows(QStringLiteral("SELECT id, failed_attempts, consumed_at FROM login_challenge "
                                 "ORDER BY id"))
           + rows(QStringLiteral("SELECT id, revoked_at FROM portal_session ORDER BY id"))
           + rows(QStringLiteral("SELECT id, revoked_at FROM invite ORDER BY id"))
           + rows(QStringLiteral("SELECT id, portal_access FROM contact ORDER BY id"));
}

} // namespace Gatehouse::Testing
