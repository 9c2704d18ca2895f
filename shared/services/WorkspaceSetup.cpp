#include "WorkspaceSetup.h"

#include "OnboardingService.h"
#include "core/Clock.h"
#include "security/AuditLog.h"
#include "storage/DirectoryRepository.h"
#include "storage/SqlQuery.h"
#include "storage/TemplateRepository.h"
#include "storage/Transaction.h"
#include "vault/VaultService.h"

#include <QCoreApplication>
#include <QDateTime>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::WorkspaceSetup", text);
}

TemplateTask task(const QString &title, const QString &description, EvidenceType type,
                  OwnerSide side, int dueOffsetDays)
{
    return TemplateTask{title, description, type, side, dueOffsetDays, {}};
}

} // namespace

WorkspaceSetup::WorkspaceSetup(const Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

OnboardingTemplate WorkspaceSetup::starterTemplate()
{
    using E = EvidenceType;
    using S = OwnerSide;
    OnboardingTemplate t;
    t.name = tr("Managed services onboarding");
    t.description = tr("From kick-off to go-live for a new managed services client.");
    t.phases = {
        {tr("Kick-off"),
         {task(tr("Hold the kick-off call"), tr("Meet the team and agree on the plan."), E::Meeting,
               S::Msp, 2),
          task(tr("Confirm your main contacts"),
               tr("Tell us who decides, who approves and who we call in an emergency."),
               E::Standard, S::Client, 3),
          task(tr("Share your current IT documentation"),
               tr("Network diagrams, asset lists, anything you have."), E::Upload, S::Client, 5)}},
        {tr("Discovery"),
         {task(tr("Assess the network"), tr("We map devices, links and risks."), E::Standard,
               S::Msp, 10),
          task(tr("Confirm office locations and opening hours"),
               tr("So that we schedule changes outside your working hours."), E::Standard,
               S::Client, 10),
          task(tr("Hand over administrator logins"),
               tr("Registrar, firewall and cloud admin accounts."), E::Credential, S::Client, 12),
          task(tr("Answer the IT questionnaire"), tr("Ten minutes about how you work."), E::Form,
               S::Client, 12)}},
        {tr("Rollout"),
         {task(tr("Deploy monitoring agents"), tr("On every server and workstation."), E::Standard,
               S::Msp, 20),
          task(tr("Sign the service agreement"), tr("Read it and sign online."), E::Signature,
               S::Client, 20),
          task(tr("Complete security awareness training"), tr("A short video for every user."),
               E::Training, S::Client, 25)}},
        {tr("Go live"),
         {task(tr("Approve the go-live"), tr("Confirm that everything is ready."), E::Approval,
               S::Client, 30),
          task(tr("Hand over to the support desk"), tr("Your tickets now go to our desk."),
               E::Standard, S::Msp, 30)}},
    };
    return t;
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
    const qint64 onboardingId = onboardings.createFromTemplate(
        companyId, templates.first().id, QString(), start, QStringLiteral("demo"), &serviceError);
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
        || !onboardings.setStatusAsStaff(firstTask.int64(0), TaskStatus::Completed,
                                         QStringLiteral("Dana Admin"), &serviceError)) {
        if (error && error->isEmpty()) {
            *error = serviceError.message;
        }
        return false;
    }
    if (!transaction.commit(error)) {
        return false;
    }
    if (created) {
        *created = true;
    }
    return true;
}

} // namespace Gatehouse
