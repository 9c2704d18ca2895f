#include "TotpRepository.h"

#include "SqlQuery.h"

namespace Gatehouse {

std::optional<ContactTotp> TotpRepository::find(qint64 contactId, QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT contact_id, secret, enabled_at IS NOT NULL, "
                                        "last_step FROM contact_totp WHERE contact_id = ?"));
    query << contactId;
    if (!query.exec(error) || !query.next()) {
        return std::nullopt;
    }
    return ContactTotp{query.int64(0), query.text(1), query.value(2).toBool(), query.int64(3)};
}

bool TotpRepository::savePending(qint64 contactId, const QString &secret, qint64 nowMs,
                                 QString *error)
{
    SqlQuery clear(m_db, QStringLiteral("DELETE FROM contact_totp "
                                        "WHERE contact_id = ? AND enabled_at IS NULL"));
    clear << contactId;
    if (!clear.exec(error)) {
        return false;
    }
    // A row left after the DELETE is an enabled one: nothing is inserted over it.
    SqlQuery insert(m_db,
                    QStringLiteral("INSERT INTO contact_totp (contact_id, secret, created_at) "
                                   "SELECT ?, ?, ? WHERE NOT EXISTS "
                                   "(SELECT 1 FROM contact_totp WHERE contact_id = ?)"));
    insert << contactId << secret << nowMs << contactId;
    return insert.exec(error) && insert.rowsAffected() == 1;
}

bool TotpRepository::enable(qint64 contactId, qint64 step, qint64 nowMs, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("UPDATE contact_totp SET enabled_at = ?, last_step = ? "
                                        "WHERE contact_id = ? AND enabled_at IS NULL"));
    query << nowMs << step << contactId;
    return query.exec(error) && query.rowsAffected() == 1;
}

bool TotpRepository::useStep(qint64 contactId, qint64 step, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("UPDATE contact_totp SET last_step = ? "
                                        "WHERE contact_id = ? AND enabled_at IS NOT NULL "
                                        "AND last_step < ?"));
    query << step << contactId << step;
    return query.exec(error) && query.rowsAffected() == 1;
}

bool TotpRepository::remove(qint64 contactId, QString *error)
{
    SqlQuery codes(m_db, QStringLiteral("DELETE FROM contact_recovery_code WHERE contact_id = ?"));
    codes << contactId;
    SqlQuery totp(m_db, QStringLiteral("DELETE FROM contact_totp WHERE contact_id = ?"));
    totp << contactId;
    return codes.exec(error) && totp.exec(error);
}

bool TotpRepository::replaceRecoveryCodes(qint64 contactId, const QList<QString> &hashes,
                                          qint64 nowMs, QString *error)
{
    SqlQuery clear(m_db, QStringLiteral("DELETE FROM contact_recovery_code WHERE contact_id = ?"));
    clear << contactId;
    if (!clear.exec(error)) {
        return false;
    }
    for (const QString &hash : hashes) {
        SqlQuery insert(m_db,
                        QStringLiteral("INSERT INTO contact_recovery_code "
                                       "(contact_id, code_hash, created_at) VALUES (?, ?, ?)"));
        insert << contactId << hash << nowMs;
        if (!insert.exec(error)) {
            return false;
        }
    }
    return true;
}

bool TotpRepository::useRecoveryCode(qint64 contactId, const QString &hash, qint64 nowMs,
                                     QString *error)
{
    SqlQuery query(m_db, QStringLiteral("UPDATE contact_recovery_code SET used_at = ? "
                                        "WHERE contact_id = ? AND code_hash = ? "
                                        "AND used_at IS NULL"));
    query << nowMs << contactId << hash;
    return query.exec(error) && query.rowsAffected() == 1;
}

int TotpRepository::recoveryCodesLeft(qint64 contactId, QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT COUNT(*) FROM contact_recovery_code "
                                        "WHERE contact_id = ? AND used_at IS NULL"));
    query << contactId;
    if (!query.exec(error) || !query.next()) {
        return 0;
    }
    return query.value(0).toInt();
}

} // namespace Gatehouse
