#include "TestDatabase.h"

#include "security/Tokens.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

namespace Gatehouse::Testing {

namespace {

QAtomicInteger<int> s_counter = 0;

// Runs one statement on the PostgreSQL server's maintenance connection.
bool adminExec(const DatabaseConfig &config, const QString &sql, QString *error)
{
    const QString name = QStringLiteral("gatehouse-test-admin");
    bool ok = false;
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        admin.setHostName(config.host);
        admin.setPort(config.port);
        admin.setDatabaseName(config.databaseName);
        admin.setUserName(config.user);
        admin.setPassword(config.password);
        if (admin.open()) {
            QSqlQuery query(admin);
            ok = query.exec(sql);
            if (!ok && error) {
                *error = query.lastError().text();
            }
        } else if (error) {
            *error = admin.lastError().text();
        }
        admin.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

TestDatabase::~TestDatabase()
{
    m_db.reset();
    if (!m_pgName.isEmpty()) {
        QString error;
        const std::optional<DatabaseConfig> admin = DatabaseConfig::fromUrl(m_pgAdminUrl, &error);
        if (admin) {
            adminExec(*admin,
                      QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_pgName),
                      &error);
        }
    }
}

void TestDatabase::addEngineRows()
{
    QTest::addColumn<QString>("engine");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

std::unique_ptr<TestDatabase> TestDatabase::create(const QString &engineName)
{
    const Engine engine
        = engineName == QLatin1String("postgresql") ? Engine::Postgres : Engine::Sqlite;
    QString error;
    std::unique_ptr<TestDatabase> test = create(engine, &error);
    if (!test) {
        qWarning().noquote() << "test database:" << error;
    }
    return test;
}

std::unique_ptr<TestDatabase> TestDatabase::create(Engine engine, QString *error)
{
    if (!Tokens::initialise()) {
        *error = QStringLiteral("libsodium did not initialise");
        return nullptr;
    }
    std::unique_ptr<TestDatabase> test(new TestDatabase);
    if (engine == Engine::Sqlite) {
        test->m_db = std::make_unique<Database>(
            DatabaseConfig::sqlite(test->m_dir.filePath(QStringLiteral("test.sqlite"))));
    } else {
        test->m_pgAdminUrl = qEnvironmentVariable("GATEHOUSE_TEST_PG_URL");
        if (test->m_pgAdminUrl.isEmpty()) {
            *error = QStringLiteral("GATEHOUSE_TEST_PG_URL is not set: run the tests through "
                                    "./test.sh, which starts PostgreSQL.");
            return nullptr;
        }
        std::optional<DatabaseConfig> config = DatabaseConfig::fromUrl(test->m_pgAdminUrl, error);
        if (!config) {
            return nullptr;
        }
        test->m_pgName = QStringLiteral("gh_test_%1_%2_%3")
                             .arg(QCoreApplication::applicationPid())
                             .arg(s_counter.fetchAndAddRelaxed(1))
                             .arg(Tokens::generateCode());
        if (!adminExec(*config, QStringLiteral("CREATE DATABASE %1").arg(test->m_pgName), error)) {
            test->m_pgName.clear();
            return nullptr;
        }
        config->databaseName = test->m_pgName;
        test->m_db = std::make_unique<Database>(*config);
    }
    if (!test->m_db->migrate(error)) {
        return nullptr;
    }
    return test;
}

} // namespace Gatehouse::Testing
