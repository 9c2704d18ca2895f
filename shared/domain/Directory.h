#pragma once

#include <QString>

namespace Gatehouse {

// The people and organisations of a workspace: plain values read from the repositories.

struct Workspace
{
    qint64 id = 0;
    QString name;
    QString accentColor;
    QString welcomeMessage;
    int codeLifetimeMinutes = 30;
    bool newContactsPortalAccess = true; // ACC-9: what a new contact starts with
    qint64 logoFileId = 0;               // ONB-10: a PNG in the file store; 0: none
    bool requireContactTotp = false;     // ACC-10: contacts must sign in with TOTP
    int sessionLifetimeHours = 24; // ACC-6: a portal session ends this long after its last use
};

struct StaffMember
{
    qint64 id = 0;
    qint64 workspaceId = 0;
    QString email;
    QString name;
    QString role;       // StaffRoles::toKey(), "admin" for those made before roles (CON-11)
    bool active = true; // a deactivated member cannot sign in
    bool mustChangePassword = false; // an administrator set the password
};

struct Company
{
    qint64 id = 0;
    qint64 workspaceId = 0;
    QString name;
    int contactCount = 0;
    int onboardingCount = 0;
};

struct Contact
{
    qint64 id = 0;
    qint64 companyId = 0;
    QString companyName;
    QString name;
    QString email;
    bool portalAccess = true;
};

} // namespace Gatehouse
