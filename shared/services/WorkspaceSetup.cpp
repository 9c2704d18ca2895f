#include "WorkspaceSetup.h"

#include "OnboardingService.h"
#include "PageService.h"
#include "StarterTemplate.h"
#include "core/Clock.h"
#include "domain/MeetingSchedule.h"
#include "security/AuditLog.h"
#include "storage/DirectoryRepository.h"
#include "storage/OnboardingRepository.h"
#include "storage/SqlQuery.h"
#include "storage/TemplateRepository.h"
#include "storage/Transaction.h"
#include "vault/VaultService.h"

#include <QCoreApplication>
#include <QDateTime>

namespace Gatehouse {

namespace {

// The demo's portal pages (ONB-7): short, real articles of the kind an MSP publishes.
bool addDemoPages(const Database &db, const Clock &clock, QString *error)
{
    const struct
    {
        const char *title;
        const char *body;
    } pages[] = {
        {"Welcome",
         "## Welcome to your client portal\n\n"
         "This is where we work through your onboarding together. Here you can:\n\n"
         "- see what we need from you, and by when;\n"
         "- send documents and sign agreements securely;\n"
         "- ask us a question at any time.\n\n"
         "Your tasks are listed on this page in the order we suggest doing them. Nothing here "
         "is urgent unless it shows a due date.\n"},
        {"How to reach support",
         "1. **Urgent** (nobody can work, or you suspect a security incident): call "
         "+44 20 7946 0000, day or night.\n"
         "2. **Everything else**: email support@northwind.example or use *Ask a question* "
         "below.\n\n"
         "## Opening hours\n\n"
         "We answer email within one working day, Monday to Friday, 8:00 to 18:00. Our "
         "[service status page](https://status.northwind.example) shows known outages.\n"},
        {"Security FAQ",
         "## Will you ever ask for my password by email?\n\n"
         "No. If we need a password we ask for it through a credential task in this portal, "
         "where it is encrypted before it is stored.\n\n"
         "## How do I report a suspicious email?\n\n"
         "Forward it as an attachment to security@northwind.example and delete it. Do not "
         "click its links.\n\n"
         "## Where can I learn more?\n\n"
         "The UK National Cyber Security Centre's "
         "[advice for small "
         "organisations](https://www.ncsc.gov.uk/collection/small-business-guide) "
         "is short and practical.\n"},
    };
    PageService service(db, clock);
    for (const auto &page : pages) {
        ServiceError serviceError;
        if (service.create(QString::fromUtf8(page.title), QString::fromUtf8(page.body), true,
                           Actor::system(QStringLiteral("demo")), &serviceError)
            == 0) {
            if (error) {
                *error = serviceError.message;
            }
            return false;
        }
    }
    return true;
}

} // namespace

WorkspaceSetup::WorkspaceSetup(const Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

OnboardingTemplate WorkspaceSetup::starterTemplate()
{
    return StarterTemplate::create();
}

bool WorkspaceSetup::hasWorkspace(QString *error) const
{
    QString dbError;
    const bool exists = DirectoryRepository(m_db).workspace(&dbError).has_value();
    if (!dbError.isEmpty() && error) {
        *error = dbError;
    }
    return exists;
}

qint64 WorkspaceSetup::create(const QString &workspaceName, const QString &adminName,
                              const QString &adminEmail, const QString &adminPassword,
                              QString *error)
{
    const qint64 now = m_clock.nowMs();
    DirectoryRepository directory(m_db);
    Transaction transaction(m_db);
    if (!transaction.isActive()) {
        if (error) {
            *error = transaction.error();
        }
        return 0;
    }
    const qint64 workspaceId = directory.createWorkspace(workspaceName, now, error);
    const qint64 adminId
        = workspaceId == 0
              ? 0
              : directory.createStaff(workspaceId, adminEmail, adminName, adminPassword,
                                      QStringLiteral("admin"), now, error);
    if (adminId == 0) {
        return 0;
    }
    const QString email = DirectoryRepository::normalisedEmail(adminEmail);
    const AuditEvent audit = AuditEvent::make(
        workspaceId, now, Actor(Actor::Kind::Staff, email, adminName.trimmed()),
        QStringLiteral("workspace.created"), AuditEvent::subjectOf("workspace", workspaceId),
        QStringLiteral("Created the workspace \"%1\" with %2 <%3> as its first administrator")
            .arg(workspaceName.trimmed(), adminName.trimmed(), email));
    if (TemplateRepository(m_db).create(workspaceId, starterTemplate(), now, error) == 0
        || !AuditLog(m_db).append(audit, error)) {
        return 0;
    }
    // After the workspace's own audit event, so the trail reads in the order things happened.
    ServiceError vaultError;
    if (!VaultService(m_db, m_clock, m_vaultKdf)
             .create(workspaceId, adminId, adminPassword, &vaultError)) {
        if (error) {
            *error = vaultError.message;
        }
        return 0;
    }
    if (!transaction.commit(error)) {
        return 0;
    }
    return workspaceId;
}

DemoCredentials WorkspaceSetup::demoCredentials()
{
    return {QStringLiteral("demo.admin@example.com"), QStringLiteral("gatehouse-demo"),
            QStringLiteral("demo.contact@example.com")};
}

bool WorkspaceSetup::ensureDemo(DemoCredentials *credentials, bool *created, QString *error)
{
    const DemoCredentials demo = demoCredentials();
    if (credentials) {
        *credentials = demo;
    }
    if (created) {
        *created = false;
    }
    QString dbError;
    if (hasWorkspace(&dbError) || !dbError.isEmpty()) {
        if (error) {
            *error = dbError;
        }
        return dbError.isEmpty();
    }
    // One transaction: a demo is created whole or not at all.
    Transaction transaction(m_db);
    if (!transaction.isActive()) {
        if (error) {
            *error = transaction.error();
        }
        return false;
    }
    const qint64 workspaceId = create(QStringLiteral("Northwind IT"), QStringLiteral("Dana Admin"),
                                      demo.adminEmail, demo.adminPassword, error);
    if (workspaceId == 0) {
        return false;
    }
    DirectoryRepository directory(m_db);
    const qint64 now = m_clock.nowMs();
    const qint64 companyId
        = directory.createCompany(workspaceId, QStringLiteral("Example Dental"), now, error);
    if (companyId == 0
        || directory.createContact(companyId, QStringLiteral("Jordan Client"), demo.contactEmail,
                                   now, error)
               == 0) {
        return false;
    }
    const QList<OnboardingTemplate> templates = TemplateRepository(m_db).list(workspaceId, error);
    if (templates.isEmpty()) {
        return false;
    }
    OnboardingService onboardings(m_db, m_clock);
    ServiceError serviceError;
    const QDate start = QDateTime::fromMSecsSinceEpoch(now).date().addDays(-7);
    const Actor admin(Actor::Kind::Staff, demo.adminEmail, QStringLiteral("Dana Admin"));
    const qint64 onboardingId = onboardings.createFromTemplate(
        companyId, templates.first().id, QString(), start, admin, &serviceError);
    if (onboardingId == 0) {
        if (error) {
            *error = serviceError.message;
        }
        return false;
    }
    // The MSP has already held the kick-off: the demo starts part-way through.
    SqlQuery firstTask(m_db, QStringLiteral("SELECT id FROM task WHERE onboarding_id = ? "
                                            "AND owner_side = 'msp' ORDER BY phase_id, position "
                                            "LIMIT 1"));
    firstTask << onboardingId;
    if (!firstTask.exec(error) || !firstTask.next()
        || !onboardings.setStatusAsStaff(firstTask.int64(0), TaskStatus::Completed, admin,
                                         &serviceError)) {
        if (error && error->isEmpty()) {
            *error = serviceError.message;
        }
        return false;
    }
    // The network walk-through is booked: the contact sees when it is and how to join.
    SqlQuery meeting(m_db, QStringLiteral("SELECT id FROM task WHERE onboarding_id = ? AND "
                                          "evidence_type = 'meeting' AND owner_side = 'client' "
                                          "ORDER BY phase_id, position LIMIT 1"));
    meeting << onboardingId;
    MeetingSchedule walkThrough;
    walkThrough.date = start.addDays(14);
    walkThrough.time = QTime(10, 0);
    walkThrough.timeZone = QStringLiteral("Europe/London");
    walkThrough.durationMinutes = 60;
    walkThrough.url = QStringLiteral("https://meet.example.com/northwind/walk-through");
    if (!meeting.exec(error) || !meeting.next()
        || OnboardingRepository(m_db).setTaskConfig(meeting.int64(0), walkThrough.toConfig(), now,
                                                    error)
               != 1
        || !addDemoPages(m_db, m_clock, error) || !transaction.commit(error)) {
        return false;
    }
    if (created) {
        *created = true;
    }
    return true;
}

} // namespace Gatehouse
