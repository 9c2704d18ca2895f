#pragma once

#include <QByteArray>
#include <QList>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace Gatehouse::Testing {

// A real SMTP server for a test: Python's aiosmtpd on a loopback port, storing what it accepts
// in a Maildir (one file per message in new/). Stopped when the object goes.
class SmtpSink
{
public:
    SmtpSink();
    ~SmtpSink();
    Q_DISABLE_COPY_MOVE(SmtpSink)

    // A loopback port that was free a moment ago (bound to port 0, then closed).
    static quint16 freePort();
    // GATEHOUSE_TEST_PYTHON (set by test.sh), else Debian's /usr/bin/python3, else python3.
    static QString python();

    // Starts the server on the port (0: a free one) and waits until it accepts connections.
    [[nodiscard]] bool start(quint16 port, QString *error);
    void stop();

    quint16 port() const { return m_port; }
    QString url() const;
    QString maildir() const;

    // The messages delivered so far, raw, in file name order.
    QList<QByteArray> messages() const;
    int count() const { return int(messages().size()); }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
};

} // namespace Gatehouse::Testing
