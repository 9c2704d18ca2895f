#pragma once

#include <QString>

namespace Gatehouse {

// How the portal that runs inside this console is reached (CON-10): the address clients use,
// and the TLS certificate and key it serves HTTPS with. They belong to this machine, so they
// live in the console's settings, not in the database; the command line's --public-url wins.
// They apply when the console next starts.
struct EmbeddedPortalSettings
{
    QString publicUrl; // empty: the embedded portal's own address
    QString tlsCertificateFile;
    QString tlsKeyFile; // both or neither

    static EmbeddedPortalSettings load();
    // Checks first (a web address with a host; TLS files that load as a pair); nothing is
    // stored when anything is wrong. error: a sentence for people.
    [[nodiscard]] bool save(QString *error) const;
    QString problem() const;

    bool usesTls() const { return !tlsCertificateFile.isEmpty(); }
};

} // namespace Gatehouse
