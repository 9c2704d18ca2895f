#include "SmtpSink.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

namespace Gatehouse::Testing {

SmtpSink::SmtpSink()
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
}

SmtpSink::~SmtpSink()
{
    stop();
}

quint16 SmtpSink::freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0)) {
        return 0;
    }
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

QString SmtpSink::python()
{
    const QString configured = qEnvironmentVariable("GATEHOUSE_TEST_PYTHON");
    if (!configured.isEmpty()) {
        return configured;
    }
    if (QFileInfo::exists(QStringLiteral("/usr/bin/python3"))) {
        return QStringLiteral("/usr/bin/python3");
    }
    return QStringLiteral("python3");
}

bool SmtpSink::start(quint16 port, QString *error)
{
    m_port = port != 0 ? port : freePort();
    if (m_port == 0 || !m_dir.isValid()) {
        *error = QStringLiteral("no free port or temporary folder for the SMTP server");
        return false;
    }
    m_process.start(python(),
                    {QStringLiteral("-m"), QStringLiteral("aiosmtpd"), QStringLiteral("-n"),
                     QStringLiteral("-l"), QStringLiteral("127.0.0.1:%1").arg(m_port),
                     QStringLiteral("-c"), QStringLiteral("aiosmtpd.handlers.Mailbox"), maildir()});
    const auto accepting = [this] {
        if (m_process.state() == QProcess::NotRunning) {
            return true;
        }
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, m_port);
        return probe.waitForConnected(200);
    };
    if (!QTest::qWaitFor(accepting, 20000) || m_process.state() == QProcess::NotRunning) {
        *error = QStringLiteral("aiosmtpd (%1) did not start on port %2: %3")
                     .arg(python())
                     .arg(m_port)
                     .arg(QString::fromLocal8Bit(m_process.readAll()).trimmed());
        stop();
        return false;
    }
    return true;
}

void SmtpSink::stop()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
}

QString SmtpSink::url() const
{
    return QStringLiteral("smtp://127.0.0.1:%1").arg(m_port);
}

QString SmtpSink::maildir() const
{
    // Python's Maildir creates cur/, new/ and tmp/ only when the folder does not exist yet.
    return QDir(m_dir.path()).filePath(QStringLiteral("maildir"));
}

QList<QByteArray> SmtpSink::messages() const
{
    QList<QByteArray> result;
    const QDir inbox(QDir(maildir()).filePath(QStringLiteral("new")));
    const QStringList names = inbox.entryList(QDir::Files, QDir::Name);
    for (const QString &name : names) {
        QFile file(inbox.filePath(name));
        if (file.open(QIODevice::ReadOnly)) {
            result.append(file.readAll());
        }
    }
    return result;
}

} // namespace Gatehouse::Testing
