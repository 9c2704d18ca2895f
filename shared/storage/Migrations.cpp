#include "Migrations.h"

#include "Database.h"
#include "SqlQuery.h"
#include "Transaction.h"
#include "core/Clock.h"
#include "core/Logging.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace Gatehouse {

namespace {

struct Migration
{
    int version;
    const char *sql;
};

// Never edit a migration that has shipped: add the next number instead.
const Migration kMigrations[] = {
    {1, R"sql(
CREATE TABLE workspace (
    id {{pk}},
    name TEXT NOT NULL,
    accent_color TEXT NOT NULL DEFAULT '#1f6f5c',
    welcome_message TEXT NOT NULL DEFAULT '',
    code_lifetime_minutes INTEGER NOT NULL DEFAULT 30,
    created_at BIGINT NOT NULL
);
CREATE TABLE staff (
    id {{pk}},
    workspace_id BIGINT NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT 'admin',
    created_at BIGINT NOT NULL,
    UNIQUE (workspace_id, email)
);
CREATE TABLE company (
    id {{pk}},
    workspace_id BIGINT NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (workspace_id, name)
);
CREATE TABLE contact (
    id {{pk}},
    company_id BIGINT NOT NULL REFERENCES company(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    portal_access INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    UNIQUE (company_id, email)
);
CREATE INDEX contact_email ON contact (email);
CREATE TABLE template (
    id {{pk}},
    workspace_id BIGINT NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE TABLE template_phase (
    id {{pk}},
    template_id BIGINT NOT NULL REFERENCES template(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL
);
CREATE TABLE template_task (
    id {{pk}},
    template_phase_id BIGINT NOT NULL REFERENCES template_phase(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    evidence_type TEXT NOT NULL,
    owner_side TEXT NOT NULL,
    due_offset_days INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE onboarding (
    id {{pk}},
    company_id BIGINT NOT NULL REFERENCES company(id) ON DELETE CASCADE,
    template_id BIGINT REFERENCES template(id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    start_date TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX onboarding_company ON onboarding (company_id);
CREATE TABLE phase (
    id {{pk}},
    onboarding_id BIGINT NOT NULL REFERENCES onboarding(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL
);
CREATE INDEX phase_onboarding ON phase (onboarding_id, position);
CREATE TABLE task (
    id {{pk}},
    onboarding_id BIGINT NOT NULL REFERENCES onboarding(id) ON DELETE CASCADE,
    phase_id BIGINT NOT NULL REFERENCES phase(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    evidence_type TEXT NOT NULL,
    owner_side TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    due_date TEXT NOT NULL DEFAULT '',
    completed_at BIGINT,
    completed_by TEXT NOT NULL DEFAULT '',
    completion_note TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL
);
CREATE INDEX task_onboarding ON task (onboarding_id, phase_id, position);
CREATE TABLE invite (
    id {{pk}},
    contact_id BIGINT NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE TABLE login_challenge (
    id {{pk}},
    contact_id BIGINT REFERENCES contact(id) ON DELETE CASCADE,
    handle_hash TEXT NOT NULL UNIQUE,
    magic_hash TEXT NOT NULL UNIQUE,
    code_hash TEXT NOT NULL,
    sends INTEGER NOT NULL DEFAULT 1,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    consumed_at BIGINT
);
CREATE TABLE portal_session (
    id {{pk}},
    contact_id BIGINT NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT,
    ip TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX portal_session_contact ON portal_session (contact_id);
CREATE TABLE outbox (
    id {{pk}},
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    sent_at BIGINT,
    last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_pending ON outbox (sent_at, next_attempt_at);
CREATE TABLE activity (
    id {{pk}},
    workspace_id BIGINT NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
    company_id BIGINT,
    onboarding_id BIGINT,
    task_id BIGINT,
    kind TEXT NOT NULL,
    actor TEXT NOT NULL,
    summary TEXT NOT NULL,
    created_at BIGINT NOT NULL
)
)sql"},
    // The tamper-evident audit trail (TRU-2). No foreign key: the trail outlives what it
    // mentions, and nothing may delete from it in cascade. prev_hash is unique too, so even a
    // writer that skipped the lock could not fork the chain.
    {2, R"sql(
CREATE TABLE audit_event (
    id {{pk}},
    workspace_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    actor_kind TEXT NOT NULL CHECK (actor_kind IN ('staff', 'contact', 'system')),
    action TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '',
    ip TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_event_created ON audit_event (created_at)
)sql"},
    // Rate limits shared by every portal server on the database: one fixed window per bucket
    // ("login-ip:<ip>", "login-email:<sha256>", ...). Old windows are pruned by their start.
    {3, R"sql(
CREATE TABLE rate_limit (
    bucket TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    hits INTEGER NOT NULL
);
CREATE INDEX rate_limit_window ON rate_limit (window_start)
)sql"},
    // Portal access (ACC-9, ACC-11): whether new contacts may use the portal, and every use of
    // it: each sign-in, then at most one row per session a minute (when its expiry slides).
    {4, R"sql(
ALTER TABLE workspace ADD COLUMN new_contacts_portal_access INTEGER NOT NULL DEFAULT 1;
CREATE TABLE portal_access_log (
    id {{pk}},
    contact_id BIGINT NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    session_id BIGINT REFERENCES portal_session(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('sign_in', 'request')),
    ip TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX portal_access_log_contact ON portal_access_log (contact_id, created_at)
)sql"},
    // Optional contact password (ACC-7): an Argon2id hash, NULL until the contact sets one.
    {5, R"sql(
ALTER TABLE contact ADD COLUMN password_hash TEXT
)sql"},
};

QString dialect(const QString &sql, Engine engine)
{
    QString out = sql;
    if (engine == Engine::Sqlite) {
        out.replace(QLatin1String("{{pk}}"), QLatin1String("INTEGER PRIMARY KEY AUTOINCREMENT"));
        out.replace(QLatin1String("{{blob}}"), QLatin1String("BLOB"));
    } else {
        out.replace(QLatin1String("{{pk}}"), QLatin1String("BIGSERIAL PRIMARY KEY"));
        out.replace(QLatin1String("{{blob}}"), QLatin1String("BYTEA"));
    }
    return out;
}

bool execRaw(const Database &db, const QString &sql, QString *error)
{
    QSqlQuery query(db.connection());
    if (query.exec(sql)) {
        return true;
    }
    if (error) {
        *error = QStringLiteral("Migration failed: %1 (in: %2)")
                     .arg(query.lastError().text(), sql.simplified().left(120));
    }
    return false;
}

} // namespace

int Migrations::latestVersion()
{
    return std::end(kMigrations)[-1].version;
}

int Migrations::currentVersion(const Database &db)
{
    QSqlQuery query(db.connection());
    if (!query.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) || !query.next()) {
        return 0;
    }
    return query.value(0).toInt();
}

bool Migrations::run(const Database &db, QString *error)
{
    if (!db.open(error)) {
        return false;
    }
    if (!execRaw(db,
                 QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version ("
                                "version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)"),
                 error)) {
        return false;
    }
    for (const Migration &migration : kMigrations) {
        Transaction transaction(db);
        if (!transaction.isActive()) {
            if (error) {
                *error = transaction.error();
            }
            return false;
        }
        if (db.engine() == Engine::Postgres) {
            // Several portal servers may start at once: one migrates, the others wait.
            if (!execRaw(db, QStringLiteral("SELECT pg_advisory_xact_lock(7262024)"), error)) {
                return false;
            }
        }
        if (currentVersion(db) >= migration.version) {
            continue;
        }
        const QStringList statements
            = dialect(QString::fromUtf8(migration.sql), db.engine()).split(QLatin1Char(';'));
        for (const QString &statement : statements) {
            if (!statement.trimmed().isEmpty() && !execRaw(db, statement, error)) {
                return false;
            }
        }
        SqlQuery record(db, QStringLiteral("INSERT INTO schema_version (version, applied_at) "
                                           "VALUES (?, ?)"));
        record << migration.version << Clock::system().nowMs();
        if (!record.exec(error) || !transaction.commit(error)) {
            return false;
        }
        qCInfo(lcStorage) << "applied schema migration" << migration.version;
    }
    return true;
}

} // namespace Gatehouse
