#pragma once

#include <QString>
#include <QTemporaryDir>

namespace Gatehouse::Testing {

// A PostgreSQL server of one test's own (initdb + pg_ctl from GATEHOUSE_TEST_PG_BINDIR), for
// tests that stop and start the server: the shared test server is never touched. Runs as the
// user postgres when the tests run as root, as PostgreSQL refuses root.
class PrivatePostgres
{
public:
    PrivatePostgres() = default;
    ~PrivatePostgres();
    Q_DISABLE_COPY_MOVE(PrivatePostgres)

    // Whether GATEHOUSE_TEST_PG_BINDIR names a PostgreSQL installation.
    static bool isAvailable();

    // Creates the cluster and starts it on a free port.
    [[nodiscard]] bool create(QString *error);
    // Stops it ("fast": clients are disconnected) and starts it again on the same port.
    [[nodiscard]] bool stop(QString *error);
    [[nodiscard]] bool start(QString *error);
    // pg_ctl restart -m fast: every client connection is cut, the server is back on return.
    [[nodiscard]] bool restart(QString *error);

    // postgresql://postgres@127.0.0.1:<port>/postgres
    QString adminUrl() const;

private:
    [[nodiscard]] bool run(const QString &tool, const QStringList &arguments, QString *error);

    QTemporaryDir m_dir;
    int m_port = 0;
    bool m_running = false;
};

} // namespace Gatehouse::Testing
