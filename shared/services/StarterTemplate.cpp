#include "StarterTemplate.h"

#include "domain/TrainingSpec.h"
#include "files/UploadSpec.h"
#include "forms/ChecklistDefinition.h"
#include "forms/FormDefinition.h"

#include <QCoreApplication>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::StarterTemplate", text);
}

TemplateTask task(const QString &title, const QString &description, EvidenceType type,
                  OwnerSide side, int dueOffsetDays, const QJsonObject &config = {})
{
    return TemplateTask{title, description, type, side, dueOffsetDays, config};
}

FormField field(const char *id, const QString &label, FormFieldType type, bool required,
                const QString &help = {}, const QStringList &options = {})
{
    return FormField{QLatin1String(id), label, type, required, help, options};
}

} // namespace

QJsonObject StarterTemplate::questionnaire()
{
    using T = FormFieldType;
    FormDefinition form;
    form.fields = {
        field("employees", tr("How many people work at your company?"), T::Number, true),
        field("offices", tr("Where are your offices?"), T::LongText, true,
              tr("One address per line.")),
        field("microsoft365", tr("Do you use Microsoft 365?"), T::YesNo, true),
        field("backup", tr("How are your files backed up today?"), T::SingleSelect, true, {},
              {tr("Not at all"), tr("USB drives"), tr("A cloud service"), tr("I don't know")}),
        field("apps", tr("Which business applications do you rely on?"), T::MultiSelect, false, {},
              {tr("Accounting"), tr("Practice management"), tr("CRM"), tr("Email and calendar"),
               tr("Other")}),
        field("website", tr("Your website"), T::Url, false),
        field("it_email", tr("Who should receive IT notices?"), T::Email, true,
              tr("A shared mailbox is best.")),
        field("phone", tr("Main office phone"), T::Phone, false),
        field("golive", tr("Preferred go-live date"), T::Date, false),
        field("notes", tr("Anything else we should know?"), T::ShortText, false),
    };
    return form.toConfig();
}

QJsonObject StarterTemplate::rolloutChecklist()
{
    ChecklistDefinition checklist;
    checklist.items = {
        {QStringLiteral("tell-staff"), tr("Tell your staff that the rollout is coming")},
        {QStringLiteral("power-on"), tr("Leave every computer switched on the night before")},
        {QStringLiteral("admin-access"), tr("Make sure we can reach every office's network")},
        {QStringLiteral("contact"), tr("Name one person on site for the rollout day")},
    };
    return checklist.toConfig();
}

QJsonObject StarterTemplate::upload()
{
    UploadSpec spec;
    spec.accept = {QStringLiteral("pdf"), QStringLiteral("image"), QStringLiteral("office"),
                   QStringLiteral("text")};
    spec.maxMegabytes = 25;
    return spec.toConfig();
}

OnboardingTemplate StarterTemplate::create()
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
               tr("Network diagrams, asset lists, anything you have."), E::Upload, S::Client, 5,
               upload())}},
        {tr("Discovery"),
         {task(tr("Assess the network"), tr("We map devices, links and risks."), E::Standard,
               S::Msp, 10),
          task(tr("Confirm office locations and opening hours"),
               tr("So that we schedule changes outside your working hours."), E::Standard,
               S::Client, 10),
          task(tr("Hand over administrator logins"),
               tr("Registrar, firewall and cloud admin accounts."), E::Credential, S::Client, 12),
          task(tr("Answer the IT questionnaire"), tr("Ten minutes about how you work."), E::Form,
               S::Client, 12, questionnaire()),
          task(tr("Walk us through your network"),
               tr("An hour on a video call with the person who knows your setup best."), E::Meeting,
               S::Client, 14),
          task(tr("Send your software licence files"),
               tr("Licence keys and files, encrypted as they are sent; we keep them for seven "
                  "days."),
               E::FileDrop, S::Client, 14, {{QStringLiteral("expiryDays"), 7}})}},
        {tr("Rollout"),
         {task(tr("Deploy monitoring agents"), tr("On every server and workstation."), E::Standard,
               S::Msp, 20),
          task(tr("Get ready for the rollout day"), tr("A few things only you can do."),
               E::Checklist, S::Client, 18, rolloutChecklist()),
          task(tr("Sign the service agreement"), tr("Read it and sign online."), E::Signature,
               S::Client, 20),
          task(tr("Complete security awareness training"),
               tr("A short session for every user, at your office."), E::Training, S::Client, 25,
               TrainingSpec::inPerson(tr("We come to your main office; plan 45 minutes. Bring "
                                         "a laptop if you like."))
                   .toConfig())}},
        {tr("Go live"),
         {task(tr("Approve the go-live"), tr("Confirm that everything is ready."), E::Approval,
               S::Client, 30),
          task(tr("Hand over to the support desk"), tr("Your tickets now go to our desk."),
               E::Standard, S::Msp, 30)}},
    };
    return t;
}

} // namespace Gatehouse
