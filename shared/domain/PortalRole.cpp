#include "PortalRole.h"

#include <QCoreApplication>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::PortalRole", text);
}

} // namespace

QList<PortalPermission> PortalRole::allPermissions()
{
    return {PortalPermission::ViewOnboarding,  PortalPermission::CompleteTasks,
            PortalPermission::UploadDocuments, PortalPermission::Sign,
            PortalPermission::Approve,         PortalPermission::ShareCredentials,
            PortalPermission::DropFiles,       PortalPermission::FillForms,
            PortalPermission::ReadComments,    PortalPermission::WriteComments,
            PortalPermission::AskQuestions,    PortalPermission::ViewBilling,
            PortalPermission::ApproveQuotes};
}

PortalPermissions PortalRole::everything()
{
    PortalPermissions all;
    for (const PortalPermission permission : allPermissions()) {
        all |= permission;
    }
    return all;
}

QString PortalRole::key(PortalPermission permission)
{
    switch (permission) {
    case PortalPermission::ViewOnboarding:
        return QStringLiteral("onboarding.view");
    case PortalPermission::CompleteTasks:
        return QStringLiteral("tasks.complete");
    case PortalPermission::UploadDocuments:
        return QStringLiteral("documents.upload");
    case PortalPermission::Sign:
        return QStringLiteral("signatures.sign");
    case PortalPermission::Approve:
        return QStringLiteral("approvals.decide");
    case PortalPermission::ShareCredentials:
        return QStringLiteral("credentials.share");
    case PortalPermission::DropFiles:
        return QStringLiteral("filedrops.upload");
    case PortalPermission::FillForms:
        return QStringLiteral("forms.fill");
    case PortalPermission::ReadComments:
        return QStringLiteral("comments.read");
    case PortalPermission::WriteComments:
        return QStringLiteral("comments.write");
    case PortalPermission::AskQuestions:
        return QStringLiteral("questions.ask");
    case PortalPermission::ViewBilling:
        return QStringLiteral("billing.view");
    case PortalPermission::ApproveQuotes:
        return QStringLiteral("billing.approve");
    }
    return QString();
}

std::optional<PortalPermission> PortalRole::permissionFromKey(const QString &key)
{
    for (const PortalPermission permission : allPermissions()) {
        if (PortalRole::key(permission) == key) {
            return permission;
        }
    }
    return std::nullopt;
}

QString PortalRole::displayName(PortalPermission permission)
{
    switch (permission) {
    case PortalPermission::ViewOnboarding:
        return tr("See the onboarding, its tasks and documents");
    case PortalPermission::CompleteTasks:
        return tr("Complete tasks, meetings and trainings");
    case PortalPermission::UploadDocuments:
        return tr("Upload documents");
    case PortalPermission::Sign:
        return tr("Sign documents");
    case PortalPermission::Approve:
        return tr("Approve or reject");
    case PortalPermission::ShareCredentials:
        return tr("Hand over credentials");
    case PortalPermission::DropFiles:
        return tr("Send files through secure file drops");
    case PortalPermission::FillForms:
        return tr("Fill in forms and checklists");
    case PortalPermission::ReadComments:
        return tr("Read the conversation on tasks");
    case PortalPermission::WriteComments:
        return tr("Write comments on tasks");
    case PortalPermission::AskQuestions:
        return tr("Ask questions");
    case PortalPermission::ViewBilling:
        return tr("See invoices and quotes");
    case PortalPermission::ApproveQuotes:
        return tr("Accept quotes");
    }
    return QString();
}

QList<BuiltInRole> PortalRole::builtInRoles()
{
    return {BuiltInRole::Primary, BuiltInRole::Technical, BuiltInRole::Billing,
            BuiltInRole::ReadOnly};
}

QString PortalRole::key(BuiltInRole role)
{
    switch (role) {
    case BuiltInRole::Primary:
        return QStringLiteral("primary");
    case BuiltInRole::Technical:
        return QStringLiteral("technical");
    case BuiltInRole::Billing:
        return QStringLiteral("billing");
    case BuiltInRole::ReadOnly:
        return QStringLiteral("read_only");
    }
    return QString();
}

std::optional<BuiltInRole> PortalRole::builtInFromKey(const QString &key)
{
    for (const BuiltInRole role : builtInRoles()) {
        if (PortalRole::key(role) == key) {
            return role;
        }
    }
    return std::nullopt;
}

QString PortalRole::displayName(BuiltInRole role)
{
    switch (role) {
    case BuiltInRole::Primary:
        return tr("Primary");
    case BuiltInRole::Technical:
        return tr("Technical");
    case BuiltInRole::Billing:
        return tr("Billing");
    case BuiltInRole::ReadOnly:
        return tr("Read-only");
    }
    return QString();
}

PortalPermissions PortalRole::permissionsOf(BuiltInRole role)
{
    using P = PortalPermission;
    switch (role) {
    case BuiltInRole::Primary:
        return everything();
    case BuiltInRole::Technical:
        // The hands-on work; decisions that bind the company (approvals, signatures, money)
        // stay with the primary contact.
        return PortalPermissions(P::ViewOnboarding) | P::CompleteTasks | P::UploadDocuments
               | P::ShareCredentials | P::DropFiles | P::FillForms | P::ReadComments
               | P::WriteComments | P::AskQuestions;
    case BuiltInRole::Billing:
        return PortalPermissions(P::ViewOnboarding) | P::ReadComments | P::AskQuestions
               | P::ViewBilling | P::ApproveQuotes;
    case BuiltInRole::ReadOnly:
        return PortalPermissions(P::ViewOnboarding) | P::ReadComments;
    }
    return {};
}

PortalPermission PortalRole::permissionToActOn(EvidenceType kind)
{
    switch (kind) {
    case EvidenceType::Standard:
    case EvidenceType::Meeting:
    case EvidenceType::Training:
        return PortalPermission::CompleteTasks;
    case EvidenceType::Upload:
        return PortalPermission::UploadDocuments;
    case EvidenceType::Signature:
        return PortalPermission::Sign;
    case EvidenceType::Credential:
        return PortalPermission::ShareCredentials;
    case EvidenceType::FileDrop:
        return PortalPermission::DropFiles;
    case EvidenceType::Form:
    case EvidenceType::Checklist:
        return PortalPermission::FillForms;
    case EvidenceType::Approval:
        return PortalPermission::Approve;
    }
    return PortalPermission::CompleteTasks;
}

QStringList PortalRole::keys(PortalPermissions permissions)
{
    QStringList list;
    for (const PortalPermission permission : allPermissions()) {
        if (permissions.testFlag(permission)) {
            list.append(key(permission));
        }
    }
    return list;
}

QString PortalRole::toStored(PortalPermissions permissions)
{
    return keys(permissions).join(QLatin1Char(' '));
}

PortalPermissions PortalRole::fromStored(const QString &text)
{
    PortalPermissions permissions;
    for (const QString &word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (const std::optional<PortalPermission> permission = permissionFromKey(word)) {
            permissions |= *permission;
        }
    }
    return permissions;
}

PortalPermissions PortalRole::resolve(const QString &builtInKey, const QString &stored,
                                      bool hasRole)
{
    if (!hasRole) {
        return permissionsOf(BuiltInRole::Primary);
    }
    if (!builtInKey.isEmpty()) {
        // A built-in key this version does not know grants nothing rather than everything.
        const std::optional<BuiltInRole> role = builtInFromKey(builtInKey);
        return role ? permissionsOf(*role) : PortalPermissions();
    }
    return fromStored(stored);
}

} // namespace Gatehouse
