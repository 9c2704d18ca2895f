#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Gatehouse {

class Database;

struct FormEntry
{
    qint64 id = 0;
    qint64 taskId = 0;
    qint64 contactId = 0; // 0 once the contact is gone
    QString authorName;
    QJsonObject answers; // {"<field id>": answer}
    qint64 createdAtMs = 0;
    qint64 updatedAtMs = 0;
};

// The answers given to form tasks (table form_entry), oldest first. Reads a portal makes go
// through the company-scoped methods.
class FormEntryRepository
{
public:
    explicit FormEntryRepository(const Database &db)
        : m_db(db)
    {}

    QList<FormEntry> forTask(qint64 taskId, QString *error) const;
    QList<FormEntry> forTaskOfCompany(qint64 taskId, qint64 companyId, QString *error) const;
    std::optional<FormEntry> get(qint64 entryId, qint64 taskId, qint64 companyId,
                                 QString *error) const;

    // 0 on failure.
    qint64 insert(qint64 taskId, qint64 contactId, const QString &authorName,
                  const QJsonObject &answers, qint64 nowMs, QString *error);
    // Rows changed (0 or 1), -1 on failure.
    int update(qint64 entryId, qint64 taskId, qint64 contactId, const QString &authorName,
               const QJsonObject &answers, qint64 nowMs, QString *error);
    int remove(qint64 entryId, qint64 taskId, QString *error);

private:
    QList<FormEntry> read(const QString &where, const QVariantList &values, QString *error) const;

    const Database &m_db;
};

} // namespace Gatehouse
