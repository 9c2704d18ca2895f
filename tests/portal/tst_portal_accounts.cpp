// Several accounts on one email (ACC-8) over HTTP on both database engines. The demo's contact
// (Example Dental) is also a contact at Birch Bakery with the same address, and at a third
// company without portal access; a fourth company's contact has another address. After the
// emailed code the contact chooses a company in a chooser that reaches nothing else; choosing
// and switching open a new session and end the old one (no fixation), are audited and logged;
// a contact of another address, one without access or revoked, and another session's ids are
// refused (the IDOR of this feature); a password session cannot switch; a half-session cannot
// switch; a chosen contact with TOTP gets its second step.
#include "PortalClient.h"
#include "PortalFixture.h"
#include "TestDatabase.h"

#include "security/Base32.h"
#include "security/PasswordHasher.h"
#include "security/Tokens.h"
#include "security/Totp.h"
#include "services/InviteService.h"
#include "services/OnboardingService.h"
#include "services/PortalAccessService.h"
#include "services/PortalAccountService.h"
#include "storage/AccessRepository.h"
#include "storage/DirectoryRepository.h"
#include "storage/TemplateRepository.h"
#include "storage/TotpRepository.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

const QString kMe = QStringLiteral("/api/v1/me");
const QString kHome = QStringLiteral("/api/v1/home");
const QString kChoose = QStringLiteral("/api/v1/auth/choose");
const QString kSwitch = QStringLiteral("/api/v1/account/switch");
const QString kPassword = QStringLiteral("correct horse battery staple 7");

QJsonObject accountBody(const QString &id)
{
    return {{QStringLiteral("account"), id}};
}

// The companies of a list of accounts, in its order.
QStringList companiesOf(const QJsonArray &accounts)
{
    QStringList names;
    for (const QJsonValue &account : accounts) {
        names.append(account[QStringLiteral("company")].toString());
    }
    return names;
}

QString idOf(const QJsonArray &accounts, const QString &company)
{
    for (const QJsonValue &account : accounts) {
        if (account[QStringLiteral("company")].toString() == company) {
            return account[QStringLiteral("id")].toString();
        }
    }
    return QString();
}

} // namespace

class TestPortalAccounts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(Tokens::initialise()); }
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init();
    void cleanup() { m_portal.stop(); }

    void oneAccountNeedsNoChooser();
    void theChooserReachesNothingButChoosing();
    void choosingOpensANewSessionForThatContact();
    void switchingMovesToTheOtherCompany();
    void foreignRevokedAndStaleAccountsAreRefused();
    void aChosenContactWithTotpGetsItsSecondStep();
    void aPasswordSessionCannotSwitch();
    void choosingAndSwitchingNeedTheCsrfToken();

private:
    qint64 addCompany(const QString &name, const QString &email, bool portalAccess);
    // Signs in by the emailed code of contact A's invitation: the browser holds a chooser.
    void signInToChooser(PortalClient &browser);
    // ... and chooses `company`: the browser holds that contact's session.
    void signInAs(PortalClient &browser, const QString &company);
    qint64 sessionIdOf(PortalClient &browser);
    int count(const QString &sql) { return m_portal.rows(sql).value(0).toInt(); }
    int auditCount(const QString &action)
    {
        return count(
            QStringLiteral("SELECT COUNT(*) FROM audit_event WHERE action = '%1'").arg(action));
    }
    QString companyOf(PortalClient &browser)
    {
        return browser.get(kMe)
            .json()[QStringLiteral("company")][QStringLiteral("name")]
            .toString();
    }
    // What a refused request must leave alone: the tasks and mail (PortalFixture::state) and the
    // sessions.
    QStringList stateWithSessions()
    {
        return m_portal.state()
               + m_portal.rows(QStringLiteral("SELECT id, contact_id, stage, revoked_at "
                                              "FROM portal_session ORDER BY id"));
    }

    PortalFixture m_portal;
    QString m_companyA;
    qint64 m_contactB = 0;
    qint64 m_contactOff = 0;     // same address, no portal access
    qint64 m_contactForeign = 0; // another address
    const QString m_companyB = QStringLiteral("Birch Bakery");
};

void TestPortalAccounts::init()
{
    QFETCH_GLOBAL(QString, engine);
    QString error;
    QVERIFY2(m_portal.start(engine, &error), qPrintable(error));
    m_companyA = m_portal.contact().companyName;
    QVERIFY(m_companyA > m_companyB); // the chooser lists by company name: Birch first
}

qint64 TestPortalAccounts::addCompany(const QString &name, const QString &email, bool portalAccess)
{
    QString error;
    DirectoryRepository directory(m_portal.db());
    const qint64 workspaceId = directory.workspace(&error)->id;
    const qint64 company
        = directory.createCompany(workspaceId, name, PortalFixture::kStartMs, &error);
    const qint64 contact = directory.createContact(company, QStringLiteral("Jordan Client"), email,
                                                   PortalFixture::kStartMs, &error);
    if (contact == 0 || (!portalAccess && !directory.setPortalAccess(contact, false, &error))) {
        qWarning("no contact: %s", qPrintable(error));
        return 0;
    }
    ServiceError serviceError;
    const qint64 onboarding
        = OnboardingService(m_portal.db(), m_portal.clock())
              .createFromTemplate(
                  company, TemplateRepository(m_portal.db()).list(workspaceId, &error).first().id,
                  name + QStringLiteral(" onboarding"), QDate(2027, 1, 1),
                  Actor::system(QStringLiteral("test")), &serviceError);
    if (onboarding == 0) {
        qWarning("no onboarding: %s", qPrintable(serviceError.message));
    }
    return contact;
}

void TestPortalAccounts::signInToChooser(PortalClient &browser)
{
    m_portal.forgetRateLimits();
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    const QJsonObject me = browser.get(kMe).json();
    QCOMPARE(me[QStringLiteral("required")].toString(), QStringLiteral("account_choice"));
}

void TestPortalAccounts::signInAs(PortalClient &browser, const QString &company)
{
    signInToChooser(browser);
    const QString id = idOf(browser.get(kMe).json()[QStringLiteral("accounts")].toArray(), company);
    QVERIFY2(!id.isEmpty(), qPrintable(company));
    const HttpReply chosen = browser.post(kChoose, accountBody(id));
    QVERIFY2(chosen.status == 200, chosen.describe());
    QVERIFY(browser.learnCsrfToken());
}

qint64 TestPortalAccounts::sessionIdOf(PortalClient &browser)
{
    const QString hash = Tokens::hash(browser.cookie(QStringLiteral("gh_session")));
    return m_portal
        .rows(QStringLiteral("SELECT id FROM portal_session WHERE token_hash = '%1'").arg(hash))
        .value(0)
        .toLongLong();
}

void TestPortalAccounts::oneAccountNeedsNoChooser()
{
    // Another address and a contact without access do not make a second account.
    m_contactForeign
        = addCompany(QStringLiteral("Cedar Clinic"), QStringLiteral("someone@cedar.example"), true);
    m_contactOff = addCompany(QStringLiteral("Dune Dental"), m_portal.contact().email, false);
    QVERIFY(m_contactForeign > 0 && m_contactOff > 0);
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    const QJsonObject me = browser.get(kMe).json();
    QVERIFY(!me.contains(QStringLiteral("required")));
    QCOMPARE(me[QStringLiteral("company")][QStringLiteral("name")].toString(), m_companyA);
    QCOMPARE(me[QStringLiteral("otherAccounts")].toArray(), QJsonArray());
    QCOMPARE(me[QStringLiteral("switchNeedsEmail")], QJsonValue(false));
    QCOMPARE(browser.get(kHome).status, 200);
    QCOMPARE(auditCount(QStringLiteral("login.account_choice")), 0);
}

void TestPortalAccounts::theChooserReachesNothingButChoosing()
{
    m_contactB = addCompany(m_companyB, m_portal.contact().email, true);
    m_contactOff = addCompany(QStringLiteral("Dune Dental"), m_portal.contact().email, false);
    m_contactForeign
        = addCompany(QStringLiteral("Cedar Clinic"), QStringLiteral("someone@cedar.example"), true);
    PortalClient browser(m_portal.port());
    signInToChooser(browser);
    const HttpReply me = browser.get(kMe);
    QVERIFY2(me.status == 200, me.describe());
    // The companies to choose from, and nothing of either contact's work or person.
    QCOMPARE(companiesOf(me.json()[QStringLiteral("accounts")].toArray()),
             (QStringList{m_companyB, m_companyA}));
    QVERIFY(!me.json().contains(QStringLiteral("contact")));
    QVERIFY(!me.json().contains(QStringLiteral("company")));
    QVERIFY(!me.json().contains(QStringLiteral("permissions")));
    QVERIFY(!me.body.contains(m_portal.contact().email.toUtf8()));
    QVERIFY(!me.body.contains("Dune Dental"));
    QVERIFY(!me.body.contains("Cedar Clinic"));
    QCOMPARE(auditCount(QStringLiteral("login.account_choice")), 1);
    // Not a sign-in yet: nothing in the access log.
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM portal_access_log")), 0);

    const qint64 task = m_portal.taskId(m_portal.contact().companyId, OwnerSide::Client,
                                        EvidenceType::Standard, TaskStatus::Pending);
    QVERIFY(task != 0);
    const QStringList before = stateWithSessions();
    for (const QString &path :
         {kHome, QStringLiteral("/api/v1/tasks/%1").arg(task), QStringLiteral("/api/v1/documents"),
          QStringLiteral("/api/v1/questions"), QStringLiteral("/api/v1/account/totp/qr.svg")}) {
        const HttpReply refused = browser.get(path);
        QVERIFY2(refused.status == 401,
                 qPrintable(path + QLatin1Char(' ') + QString::fromUtf8(refused.describe())));
    }
    const QString someAccount = idOf(me.json()[QStringLiteral("accounts")].toArray(), m_companyA);
    for (const QString &path :
         {QStringLiteral("/api/v1/tasks/%1/complete").arg(task),
          QStringLiteral("/api/v1/account/password"), QStringLiteral("/api/v1/account/totp/start"),
          QStringLiteral("/api/v1/account/totp/confirm"), kSwitch,
          QStringLiteral("/api/v1/questions")}) {
        const HttpReply refused
            = browser.post(path, {{QStringLiteral("note"), QStringLiteral("x")},
                                  {QStringLiteral("password"), kPassword},
                                  {QStringLiteral("code"), QStringLiteral("123456")},
                                  {QStringLiteral("body"), QStringLiteral("Hello?")},
                                  {QStringLiteral("account"), someAccount}});
        QVERIFY2(refused.status == 401,
                 qPrintable(path + QLatin1Char(' ') + QString::fromUtf8(refused.describe())));
    }
    // Nor is it a second step of another kind.
    QCOMPARE(browser
                 .post(QStringLiteral("/api/v1/auth/totp"),
                       {{QStringLiteral("code"), QStringLiteral("123456")}})
                 .status,
             409);
    QCOMPARE(stateWithSessions(), before);
}

void TestPortalAccounts::choosingOpensANewSessionForThatContact()
{
    m_contactB = addCompany(m_companyB, m_portal.contact().email, true);
    PortalClient browser(m_portal.port());
    signInToChooser(browser);
    const QString chooserToken = browser.cookie(QStringLiteral("gh_session"));
    const QString id
        = idOf(browser.get(kMe).json()[QStringLiteral("accounts")].toArray(), m_companyB);
    const HttpReply chosen = browser.post(kChoose, accountBody(id));
    QVERIFY2(chosen.status == 200, chosen.describe());
    const QString token = browser.cookie(QStringLiteral("gh_session"));
    QVERIFY(Tokens::looksLikeToken(token));
    QVERIFY(token != chooserToken);

    // B's portal: B's company and onboarding, not A's.
    const QJsonObject me = browser.get(kMe).json();
    QVERIFY(!me.contains(QStringLiteral("required")));
    QCOMPARE(me[QStringLiteral("contact")][QStringLiteral("id")].toInteger(), m_contactB);
    QCOMPARE(me[QStringLiteral("company")][QStringLiteral("name")].toString(), m_companyB);
    QCOMPARE(companiesOf(me[QStringLiteral("otherAccounts")].toArray()), QStringList{m_companyA});
    const HttpReply home = browser.get(kHome);
    QVERIFY2(home.status == 200, home.describe());
    QVERIFY(home.body.contains("Birch Bakery onboarding"));
    QCOMPARE(home.json()[QStringLiteral("onboardings")].toArray().size(), 1);

    // The chooser's token is dead: fixation gets nothing.
    PortalClient replay(m_portal.port());
    replay.setCookie("gh_session", chooserToken.toLatin1());
    QCOMPARE(replay.get(kMe).status, 401);
    QCOMPARE(replay.get(kHome).status, 401);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM portal_session WHERE revoked_at IS NULL")),
             1);
    // Like any sign-in: the audit trail, the activity feed and B's access log.
    QCOMPARE(auditCount(QStringLiteral("login.account_chosen")), 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_event WHERE action = "
                                  "'login.succeeded' AND subject = 'contact:%1'")
                       .arg(m_contactB)),
             1);
    QString error;
    const QList<PortalAccess> log
        = AccessRepository(m_portal.db()).accesses(m_contactB, 10, &error);
    QCOMPARE(log.size(), 1);
    QCOMPARE(log.first().kind, PortalAccess::Kind::SignIn);
    QCOMPARE(log.first().method, QLatin1String(PortalAccess::methodAccountChoice));
    QCOMPARE(log.first().sessionId, sessionIdOf(browser));
    QVERIFY(AccessRepository(m_portal.db()).accesses(m_portal.contact().id, 10, &error).isEmpty());
    // Chosen once: the same chooser cannot choose again.
    QCOMPARE(replay.post(kChoose, accountBody(id)).status, 401);
}

void TestPortalAccounts::switchingMovesToTheOtherCompany()
{
    m_contactB = addCompany(m_companyB, m_portal.contact().email, true);
    PortalClient browser(m_portal.port());
    signInAs(browser, m_companyB);
    const QString before = browser.cookie(QStringLiteral("gh_session"));
    const QJsonArray others = browser.get(kMe).json()[QStringLiteral("otherAccounts")].toArray();
    QCOMPARE(companiesOf(others), QStringList{m_companyA});

    const HttpReply switched = browser.post(kSwitch, accountBody(idOf(others, m_companyA)));
    QVERIFY2(switched.status == 200, switched.describe());
    const QString after = browser.cookie(QStringLiteral("gh_session"));
    QVERIFY(after != before);
    QVERIFY(browser.learnCsrfToken());
    QCOMPARE(companyOf(browser), m_companyA);
    const HttpReply home = browser.get(kHome);
    QVERIFY2(home.status == 200, home.describe());
    QVERIFY(!home.body.contains("Birch Bakery onboarding"));
    QCOMPARE(companiesOf(browser.get(kMe).json()[QStringLiteral("otherAccounts")].toArray()),
             QStringList{m_companyB});

    // B's session ended with the switch.
    PortalClient old(m_portal.port());
    old.setCookie("gh_session", before.toLatin1());
    QCOMPARE(old.get(kHome).status, 401);
    QCOMPARE(auditCount(QStringLiteral("login.account_switched")), 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_event WHERE action = "
                                  "'login.account_switched' AND subject = 'contact:%1' "
                                  "AND detail LIKE '%from the contact at Birch Bakery%'")
                       .arg(m_portal.contact().id)),
             1);
    QString error;
    const QList<PortalAccess> log
        = AccessRepository(m_portal.db()).accesses(m_portal.contact().id, 10, &error);
    QCOMPARE(log.size(), 1);
    QCOMPARE(log.first().method, QLatin1String(PortalAccess::methodAccountSwitch));

    // And back again: the proof of the address carries over.
    const QString backId
        = idOf(browser.get(kMe).json()[QStringLiteral("otherAccounts")].toArray(), m_companyB);
    QCOMPARE(browser.post(kSwitch, accountBody(backId)).status, 200);
    QVERIFY(browser.learnCsrfToken());
    QCOMPARE(companyOf(browser), m_companyB);
}

void TestPortalAccounts::foreignRevokedAndStaleAccountsAreRefused()
{
    m_contactB = addCompany(m_companyB, m_portal.contact().email, true);
    m_contactOff = addCompany(QStringLiteral("Dune Dental"), m_portal.contact().email, false);
    m_contactForeign
        = addCompany(QStringLiteral("Cedar Clinic"), QStringLiteral("someone@cedar.example"), true);
    PortalClient other(m_portal.port());
    signInToChooser(other);
    const qint64 otherSession = sessionIdOf(other);
    PortalClient chooser(m_portal.port());
    signInToChooser(chooser);
    const qint64 chooserSession = sessionIdOf(chooser);
    PortalClient browser(m_portal.port());
    signInAs(browser, m_companyA);
    const qint64 session = sessionIdOf(browser);
    const QString bForOtherSession = PortalAccountService::accountId(otherSession, m_contactB);

    // Ids of contacts this address does not reach, ids of another session, contact ids.
    const QStringList refusedIds{
        PortalAccountService::accountId(session, m_contactForeign),
        PortalAccountService::accountId(session, m_contactOff),
        bForOtherSession,
        QString::number(m_contactB),
        QString(),
        QStringLiteral("' OR '1'='1"),
    };
    const QStringList before = stateWithSessions();
    for (const QString &id : refusedIds) {
        const HttpReply refused = browser.post(kSwitch, accountBody(id));
        QVERIFY2(refused.status == 404, qPrintable(id + QString::fromUtf8(refused.describe())));
        QCOMPARE(refused.json()[QStringLiteral("code")].toString(), QStringLiteral("not_found"));
    }
    for (const QString &id :
         {PortalAccountService::accountId(chooserSession, m_contactForeign),
          PortalAccountService::accountId(chooserSession, m_contactOff), bForOtherSession}) {
        const HttpReply refused = chooser.post(kChoose, accountBody(id));
        QVERIFY2(refused.status == 404, refused.describe());
    }
    // The current account is no switch.
    QCOMPARE(browser
                 .post(kSwitch,
                       accountBody(PortalAccountService::accountId(session, m_portal.contact().id)))
                 .status,
             409);
    QCOMPARE(stateWithSessions(), before);
    QCOMPARE(auditCount(QStringLiteral("login.account_switched")), 0);
    QCOMPARE(companyOf(browser), m_companyA);

    // Staff revoke B: it leaves the switcher at once and cannot be switched to with its old id.
    const QString bId = PortalAccountService::accountId(session, m_contactB);
    QCOMPARE(companiesOf(browser.get(kMe).json()[QStringLiteral("otherAccounts")].toArray()),
             QStringList{m_companyB});
    m_portal.clock().advanceMs(1000);
    ServiceError error;
    QVERIFY(InviteService(m_portal.db(), m_portal.clock(), PortalFixture::publicUrl())
                .revoke(m_contactB, Actor::system(QStringLiteral("test")), &error));
    QCOMPARE(browser.get(kMe).json()[QStringLiteral("otherAccounts")].toArray(), QJsonArray());
    QCOMPARE(browser.post(kSwitch, accountBody(bId)).status, 404);
    QCOMPARE(companyOf(browser), m_companyA);
    // Neither can the chooser that was open before the revocation choose B.
    const QString bForChooser = PortalAccountService::accountId(chooserSession, m_contactB);
    QCOMPARE(chooser.post(kChoose, accountBody(bForChooser)).status, 404);
    // Turning access off is a revocation too: a new sign-in (after it) has one account left.
    QVERIFY(
        PortalAccessService(m_portal.db(), m_portal.clock())
            .setContactAccess(m_contactB, false, Actor::system(QStringLiteral("test")), &error));
    m_portal.clock().advanceMs(1000);
    PortalClient fresh(m_portal.port());
    QString why;
    m_portal.forgetRateLimits();
    QVERIFY2(m_portal.signIn(fresh, m_portal.contact().id, &why), qPrintable(why));
    QVERIFY(!fresh.get(kMe).json().contains(QStringLiteral("required")));
    QCOMPARE(companyOf(fresh), m_companyA);
}

void TestPortalAccounts::aChosenContactWithTotpGetsItsSecondStep()
{
    m_contactB = addCompany(m_companyB, m_portal.contact().email, true);
    // B has an authenticator app (set up earlier, as TotpService would have stored it).
    const QByteArray secret = Totp::generateSecret();
    QString error;
    TotpRepository totp(m_portal.db());
    QVERIFY(totp.savePending(m_contactB, Base32::encode(secret), PortalFixture::kStartMs, &error));
    QVERIFY(totp.enable(m_contactB, 1, PortalFixture::kStartMs, &error));

    PortalClient browser(m_portal.port());
    signInToChooser(browser);
    const QString id
        = idOf(browser.get(kMe).json()[QStringLiteral("accounts")].toArray(), m_companyB);
    QCOMPARE(browser.post(kChoose, accountBody(id)).status, 200);
    QCOMPARE(browser.get(kMe).json()[QStringLiteral("required")].toString(),
             QStringLiteral("totp"));
    QCOMPARE(browser.get(kHome).status, 401);
    // A half-session switches nowhere.
    QCOMPARE(browser.post(kSwitch, accountBody(id)).status, 401);
    const HttpReply done = browser.post(
        QStringLiteral("/api/v1/auth/totp"),
        {{QStringLiteral("code"), Totp::code(secret, Totp::stepAt(m_portal.clock().nowMs()))}});
    QVERIFY2(done.status == 200, done.describe());
    QVERIFY(browser.learnCsrfToken());
    QCOMPARE(companyOf(browser), m_companyB);
    // The full session still knows the proved address: it may switch to A (no TOTP there).
    const QJsonArray others = browser.get(kMe).json()[QStringLiteral("otherAccounts")].toArray();
    QCOMPARE(browser.post(kSwitch, accountBody(idOf(others, m_companyA))).status, 200);
    QVERIFY(browser.learnCsrfToken());
    QCOMPARE(companyOf(browser), m_companyA);

    // Switching to B asks for B's code again: a second factor is per contact.
    m_portal.clock().advanceMs(Totp::kStepMs);
    const QString toB
        = idOf(browser.get(kMe).json()[QStringLiteral("otherAccounts")].toArray(), m_companyB);
    const QString aToken = browser.cookie(QStringLiteral("gh_session"));
    QCOMPARE(browser.post(kSwitch, accountBody(toB)).status, 200);
    QCOMPARE(browser.get(kMe).json()[QStringLiteral("required")].toString(),
             QStringLiteral("totp"));
    QCOMPARE(browser.get(kHome).status, 401);
    PortalClient old(m_portal.port());
    old.setCookie("gh_session", aToken.toLatin1());
    QCOMPARE(old.get(kHome).status, 401);
}

void TestPortalAccounts::aPasswordSessionCannotSwitch()
{
    m_contactB = addCompany(m_companyB, m_portal.contact().email, true);
    QString error;
    QVERIFY(AccessRepository(m_portal.db())
                .setPasswordHash(m_portal.contact().id, PasswordHasher::hash(kPassword), &error));
    PortalClient browser(m_portal.port());
    const HttpReply signedIn = browser.post(QStringLiteral("/api/v1/auth/password"),
                                            {{QStringLiteral("email"), m_portal.contact().email},
                                             {QStringLiteral("password"), kPassword}});
    QVERIFY2(signedIn.status == 200, signedIn.describe());
    QVERIFY(browser.learnCsrfToken());
    // A password proves only A's: no chooser, no list, but a hint that email would do.
    const QJsonObject me = browser.get(kMe).json();
    QVERIFY(!me.contains(QStringLiteral("required")));
    QCOMPARE(me[QStringLiteral("company")][QStringLiteral("name")].toString(), m_companyA);
    QCOMPARE(me[QStringLiteral("otherAccounts")].toArray(), QJsonArray());
    QCOMPARE(me[QStringLiteral("switchNeedsEmail")], QJsonValue(true));
    QVERIFY(!browser.get(kMe).body.contains("Birch"));

    // Even with B's right id for this session, the switch is refused and changes nothing.
    const QStringList before = stateWithSessions();
    const HttpReply refused = browser.post(
        kSwitch, accountBody(PortalAccountService::accountId(sessionIdOf(browser), m_contactB)));
    QVERIFY2(refused.status == 403, refused.describe());
    QVERIFY(refused.json()[QStringLiteral("error")].toString().contains(QLatin1String("email")));
    QCOMPARE(stateWithSessions(), before);
    QCOMPARE(companyOf(browser), m_companyA);

    // Proving the address by email opens the chooser.
    PortalClient byEmail(m_portal.port());
    signInToChooser(byEmail);
}

void TestPortalAccounts::choosingAndSwitchingNeedTheCsrfToken()
{
    m_contactB = addCompany(m_companyB, m_portal.contact().email, true);
    PortalClient browser(m_portal.port());
    signInToChooser(browser);
    const QString id
        = idOf(browser.get(kMe).json()[QStringLiteral("accounts")].toArray(), m_companyB);
    browser.setSendsCsrfToken(false);
    QCOMPARE(browser.post(kChoose, accountBody(id)).status, 403);
    browser.setSendsCsrfToken(true);
    QCOMPARE(browser.post(kChoose, accountBody(id), {{"Origin", "https://evil.example"}}).status,
             403);
    QCOMPARE(browser.post(kChoose, accountBody(id)).status, 200);
    QVERIFY(browser.learnCsrfToken());
    const QString toA
        = idOf(browser.get(kMe).json()[QStringLiteral("otherAccounts")].toArray(), m_companyA);
    browser.setSendsCsrfToken(false);
    QCOMPARE(browser.post(kSwitch, accountBody(toA)).status, 403);
    browser.setSendsCsrfToken(true);
    QCOMPARE(browser.post(kSwitch, accountBody(toA), {{"Origin", "https://evil.example"}}).status,
             403);
    QCOMPARE(companyOf(browser), m_companyB);
}

QTEST_GUILESS_MAIN(TestPortalAccounts)
#include "tst_portal_accounts.moc"
