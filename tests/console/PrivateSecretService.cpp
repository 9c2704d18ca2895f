#include "PrivateSecretService.h"

#include <QDir>
#include <QFile>
#include <QProcessEnvironment>

#if defined(Q_OS_LINUX)
#include <csignal>
#include <sys/prctl.h>
#endif

namespace Gatehouse::Testing {

bool PrivateSecretService::start(const QString &dir, QString *error)
{
#if defined(Q_OS_LINUX)
    // Should this test crash, the daemons go with it instead of lingering.
    const auto dieWithParent = [] {
        prctl(PR_SET_PDEATHSIG, SIGTERM);
    };
    m_dbus.setChildProcessModifier(dieWithParent);
    m_keyring.setChildProcessModifier(dieWithParent);
#endif
    m_dbus.setProgram(QStringLiteral("dbus-daemon"));
    m_dbus.setArguments({QStringLiteral("--session"), QStringLiteral("--nofork"),
                         QStringLiteral("--print-address")});
    m_dbus.start();
    if (!m_dbus.waitForStarted(5000) || !m_dbus.waitForReadyRead(10000)) {
        *error = QStringLiteral("dbus-daemon did not start: ") + m_dbus.errorString();
        return false;
    }
    const QByteArray address = m_dbus.readLine().trimmed();
    qputenv("DBUS_SESSION_BUS_ADDRESS", address);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QString::fromLatin1(address));
    env.insert(QStringLiteral("XDG_DATA_HOME"), dir + QStringLiteral("/data"));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), dir + QStringLiteral("/runtime"));
    QDir().mkpath(dir + QStringLiteral("/data"));
    QDir().mkpath(dir + QStringLiteral("/runtime"));
    QFile::setPermissions(dir + QStringLiteral("/runtime"),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    m_keyring.setProcessEnvironment(env);
    m_keyring.setProgram(QStringLiteral("gnome-keyring-daemon"));
    m_keyring.setArguments({QStringLiteral("--foreground"), QStringLiteral("--unlock"),
                            QStringLiteral("--components=secrets")});
    m_keyring.start();
    if (!m_keyring.waitForStarted(5000)) {
        *error = QStringLiteral("gnome-keyring-daemon did not start: ") + m_keyring.errorString();
        return false;
    }
    m_keyring.write("test-keyring-password");
    m_keyring.closeWriteChannel();
    return true;
}

void PrivateSecretService::stop()
{
    for (QProcess *process : {&m_keyring, &m_dbus}) {
        if (process->state() != QProcess::NotRunning) {
            process->terminate();
            if (!process->waitForFinished(3000)) {
                process->kill();
                process->waitForFinished(3000);
            }
        }
    }
}

void ensureSecretService(std::unique_ptr<PrivateSecretService> &service, const QString &dir,
                         QString *problem)
{
    if (!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        return;
    }
    service = std::make_unique<PrivateSecretService>();
    if (!service->start(dir, problem)) {
        service.reset();
    }
}

} // namespace Gatehouse::Testing
