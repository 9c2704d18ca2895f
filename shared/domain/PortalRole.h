#pragma once

#include "domain/TaskKinds.h"

#include <QFlags>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Gatehouse {

// What a contact may do in the portal (ACC-12). Every portal route names the one it needs
// (openapi.yaml, x-permission); the server checks it on every request, the pages hide what
// the contact's role lacks.
enum class PortalPermission : quint32 {
    ViewOnboarding = 1u << 0,   // home, tasks, progress, documents, questions asked so far
    CompleteTasks = 1u << 1,    // mark standard, meeting and training tasks done
    UploadDocuments = 1u << 2,  // upload (and remove) documents
    Sign = 1u << 3,             // sign documents
    Approve = 1u << 4,          // approve or reject
    ShareCredentials = 1u << 5, // hand over credentials
    DropFiles = 1u << 6,        // secure file drops
    FillForms = 1u << 7,        // forms and checklists
    ReadComments = 1u << 8,     // the conversation on each task
    WriteComments = 1u << 9,
    AskQuestions = 1u << 10,
    ViewBilling = 1u << 11,   // invoices and quotes, once the portal has them
    ApproveQuotes = 1u << 12, // accept quotes, once the portal has them
};
Q_DECLARE_FLAGS(PortalPermissions, PortalPermission)
Q_DECLARE_OPERATORS_FOR_FLAGS(PortalPermissions)

// The four roles every workspace has. A contact without a role of its own is Primary.
enum class BuiltInRole { Primary, Technical, Billing, ReadOnly };

// A role as staff pick it for a contact: a built-in one or a custom one of their own (id > 0).
struct PortalRole
{
    qint64 id = 0;
    std::optional<BuiltInRole> builtIn; // nullopt: custom
    QString name;
    PortalPermissions permissions;

    bool isCustom() const { return !builtIn.has_value(); }

    // Every permission, in the order the console lists them.
    static QList<PortalPermission> allPermissions();
    static PortalPermissions everything();
    // "tasks.complete", as openapi.yaml and /api/v1/me spell it.
    static QString key(PortalPermission permission);
    static std::optional<PortalPermission> permissionFromKey(const QString &key);
    // Words for staff, translated.
    static QString displayName(PortalPermission permission);

    static QList<BuiltInRole> builtInRoles();
    static QString key(BuiltInRole role); // as stored in portal_role.built_in
    static std::optional<BuiltInRole> builtInFromKey(const QString &key);
    static QString displayName(BuiltInRole role);
    // What each built-in role may do: defined here, in one place, not in the database, so a
    // permission added later reaches the built-in roles without a migration.
    static PortalPermissions permissionsOf(BuiltInRole role);

    // The permission acting on a task of this kind needs, on top of the route's own.
    static PortalPermission permissionToActOn(EvidenceType kind);

    // Stored form of a custom role's set: keys separated by spaces; unknown keys are dropped.
    static QString toStored(PortalPermissions permissions);
    static PortalPermissions fromStored(const QString &text);
    static QStringList keys(PortalPermissions permissions);
    // What a role row amounts to: a built-in key wins over stored permissions; no row at all
    // (builtInKey and stored both null) is Primary.
    static PortalPermissions resolve(const QString &builtInKey, const QString &stored,
                                     bool hasRole);
};

} // namespace Gatehouse
