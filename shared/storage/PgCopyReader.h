#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Gatehouse {

// Reads one table's rows out of a plain SQL script written by pg_restore (its COPY ... FROM
// stdin blocks, in PostgreSQL's text format), so a dump can be checked before it is restored.
class PgCopyReader
{
public:
    struct Table
    {
        bool found = false;
        QStringList columns;
        QList<QStringList> rows; // NULL is a null QString
        int column(const QString &name) const { return columns.indexOf(name); }
    };

    // The rows of `table` (e.g. "public.audit_event"); false when the file cannot be read.
    [[nodiscard]] static bool read(const QString &scriptPath, const QString &table, Table *out,
                                   QString *error);
    // One field of COPY's text format: \N is NULL, backslash escapes as PostgreSQL writes them.
    static QString decodeField(const QByteArray &field);
};

} // namespace Gatehouse
