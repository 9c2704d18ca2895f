#pragma once

#include "domain/Template.h"
#include "vault/VaultCrypto.h"

#include <QString>

namespace Gatehouse {

class Clock;
class Database;

struct DemoCredentials
{
    QString adminEmail;
    QString adminPassword;
    QString contactEmail;
};

// Creating a workspace: the first-run wizard and the demo both come through here.
class WorkspaceSetup
{
public:
    WorkspaceSetup(const Database &db, const Clock &clock);

    // Work factors for the first admin's vault key; tests lower them to stay quick.
    void setVaultKdf(const KdfParams &kdf) { m_vaultKdf = kdf; }

    // Workspace, first admin, the credential vault (held by that admin) and the starter
    // template, in one transaction.
    qint64 create(const QString &workspaceName, const QString &adminName, const QString &adminEmail,
                  const QString &adminPassword, QString *error);
    bool hasWorkspace(QString *error) const;

    // A demo workspace with one company, contact and onboarding; does nothing when a workspace
    // already exists. Returns false only on failure.
    [[nodiscard]] bool ensureDemo(DemoCredentials *credentials, bool *created, QString *error);

    static OnboardingTemplate starterTemplate();
    static DemoCredentials demoCredentials();

private:
    const Database &m_db;
    const Clock &m_clock;
    KdfParams m_vaultKdf = KdfParams::standard();
};

} // namespace Gatehouse
