#include "TotpRepository.h"

#include "SqlQuery.h"

namespace Gatehouse {

QString TotpRepository::sql(const char *statement) const
{
    const bool staff = m_owner == TotpOwner::Staff;
    QString text = QString::fromLatin1(statement);
    text.replace(QLatin1String("{totp}"),
                 staff ? QLatin1String("staff_totp") : QLatin1String("contact_totp"));
    text.replace(QLatin1String("{codes}"), staff ? QLatin1String("staff_recovery_code")
                                                 : QLatin1String("contact_recovery_code"));
    text.replace(QLatin1String("{owner}"),
                 staff ? QLatin1String("staff_id") : QLatin1String("contact_id"));
    return text;
}

std::optional<StoredTotp> TotpRepository::find(qint64 ownerId, QString *error) const
{
    SqlQuery query(m_db, sql("SELECT {owner}, secret, enabled_at IS NOT NULL, "
                             "last_step FROM {totp} WHERE {owner} = ?"));
    query << ownerId;
    if (!query.exec(error) || !query.next()) {
        return std::nullopt;
    }
    return StoredTotp{query.int64(0), query.text(1), query.value(2).toBool(), query.int64(3)};
}

bool TotpRepository::savePending(qint64 ownerId, const QString &secret, qint64 nowMs,
                                 QString *error)
{
    SqlQuery clear(m_db, sql("DELETE FROM {totp} "
                             "WHERE {owner} = ? AND enabled_at IS NULL"));
    clear << ownerId;
    if (!clear.exec(error)) {
        return false;
    }
    // A row left after the DELETE is an enabled one: nothing is inserted over it.
    SqlQuery insert(m_db, sql("INSERT INTO {totp} ({owner}, secret, created_at) "
                              "SELECT ?, ?, ? WHERE NOT EXISTS "
                              "(SELECT 1 FROM {totp} WHERE {owner} = ?)"));
    insert << ownerId << secret << nowMs << ownerId;
    return insert.exec(error) && insert.rowsAffected() == 1;
}

bool TotpRepository::enable(qint64 ownerId, qint64 step, qint64 nowMs, QString *error)
{
    SqlQuery query(m_db, sql("UPDATE {totp} SET enabled_at = ?, last_step = ? "
                             "WHERE {owner} = ? AND enabled_at IS NULL"));
    query << nowMs << step << ownerId;
    return query.exec(error) && query.rowsAffected() == 1;
}

bool TotpRepository::useStep(qint64 ownerId, qint64 step, QString *error)
{
    SqlQuery query(m_db, sql("UPDATE {totp} SET last_step = ? "
                             "WHERE {owner} = ? AND enabled_at IS NOT NULL "
                             "AND last_step < ?"));
    query << step << ownerId << step;
    return query.exec(error) && query.rowsAffected() == 1;
}

bool TotpRepository::remove(qint64 ownerId, QString *error)
{
    SqlQuery codes(m_db, sql("DELETE FROM {codes} WHERE {owner} = ?"));
    codes << ownerId;
    SqlQuery totp(m_db, sql("DELETE FROM {totp} WHERE {owner} = ?"));
    totp << ownerId;
    return codes.exec(error) && totp.exec(error);
}

bool TotpRepository::replaceRecoveryCodes(qint64 ownerId, const QList<QString> &hashes,
                                          qint64 nowMs, QString *error)
{
    SqlQuery clear(m_db, sql("DELETE FROM {codes} WHERE {owner} = ?"));
    clear << ownerId;
    if (!clear.exec(error)) {
        return false;
    }
    for (const QString &hash : hashes) {
        SqlQuery insert(m_db, sql("INSERT INTO {codes} "
                                  "({owner}, code_hash, created_at) VALUES (?, ?, ?)"));
        insert << ownerId << hash << nowMs;
        if (!insert.exec(error)) {
            return false;
        }
    }
    return true;
}

bool TotpRepository::useRecoveryCode(qint64 ownerId, const QString &hash, qint64 nowMs,
                                     QString *error)
{
    SqlQuery query(m_db, sql("UPDATE {codes} SET used_at = ? "
                             "WHERE {owner} = ? AND code_hash = ? "
                             "AND used_at IS NULL"));
    query << nowMs << ownerId << hash;
    return query.exec(error) && query.rowsAffected() == 1;
}

int TotpRepository::recoveryCodesLeft(qint64 ownerId, QString *error) const
{
    SqlQuery query(m_db, sql("SELECT COUNT(*) FROM {codes} "
                             "WHERE {owner} = ? AND used_at IS NULL"));
    query << ownerId;
    if (!query.exec(error) || !query.next()) {
        return 0;
    }
    return query.value(0).toInt();
}

} // namespace Gatehouse
