#pragma once

#include <QProcess>
#include <QString>

#include <memory>

namespace Gatehouse::Testing {

// A Secret Service of the test's own: a private D-Bus session bus with GNOME Keyring on it, as
// test.sh provides with dbus-run-session. Tests start it only when they run outside such a
// session; it points this process's D-Bus clients at the private bus.
class PrivateSecretService
{
public:
    ~PrivateSecretService() { stop(); }

    // dir: where the keyring keeps its files. False with the reason when a daemon did not start.
    [[nodiscard]] bool start(const QString &dir, QString *error);
    void stop();

private:
    QProcess m_dbus;
    QProcess m_keyring;
};

// For initTestCase(): starts `service` unless this process is in a D-Bus session already;
// afterwards the keychain either works or says why not.
void ensureSecretService(std::unique_ptr<PrivateSecretService> &service, const QString &dir,
                         QString *problem);

} // namespace Gatehouse::Testing
