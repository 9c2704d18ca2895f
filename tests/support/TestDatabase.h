#pragma once

#include "storage/Database.h"

#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace Gatehouse::Testing {

// A fresh, migrated database for one test: a SQLite file in a temporary folder, or a database
// of its own on the PostgreSQL server test.sh starts (GATEHOUSE_TEST_PG_URL), dropped again
// when the object goes. Tests that touch storage run once per engine:
//
//     void initTestCase_data() { TestDatabase::addEngineRows(); }
//     void init() { QFETCH_GLOBAL(QString, engine); m_test = TestDatabase::create(engine); ... }
class TestDatabase
{
public:
    ~TestDatabase();

    // Adds a column "engine" with a row per available engine.
    static void addEngineRows();
    // "sqlite" or "postgresql", as in the engine column.
    static std::unique_ptr<TestDatabase> create(const QString &engine);
    static std::unique_ptr<TestDatabase> create(Engine engine, QString *error);

    Database &db() { return *m_db; }
    const DatabaseConfig &config() const { return m_db->config(); }
    QString dataDir() const { return m_dir.path(); }

private:
    TestDatabase() = default;

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    QString m_pgAdminUrl;
    QString m_pgName;
};

} // namespace Gatehouse::Testing
