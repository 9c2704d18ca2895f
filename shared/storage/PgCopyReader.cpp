#include "PgCopyReader.h"

#include <QFile>

namespace Gatehouse {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

} // namespace

QString PgCopyReader::decodeField(const QByteArray &field)
{
    if (field == "\\N") {
        return QString();
    }
    QByteArray bytes;
    bytes.reserve(field.size());
    for (qsizetype i = 0; i < field.size(); ++i) {
        const char c = field.at(i);
        if (c != '\\' || i + 1 >= field.size()) {
            bytes.append(c);
            continue;
        }
        const char next = field.at(++i);
        switch (next) {
        case 'b':
            bytes.append('\b');
            break;
        case 'f':
            bytes.append('\f');
            break;
        case 'n':
            bytes.append('\n');
            break;
        case 'r':
            bytes.append('\r');
            break;
        case 't':
            bytes.append('\t');
            break;
        case 'v':
            bytes.append('\v');
            break;
        case 'x': {
            int value = 0;
            int digits = 0;
            while (digits < 2 && i + 1 < field.size() && hexValue(field.at(i + 1)) >= 0) {
                value = value * 16 + hexValue(field.at(++i));
                ++digits;
            }
            bytes.append(digits > 0 ? char(value) : 'x');
            break;
        }
        default:
            if (next >= '0' && next <= '7') {
                int value = next - '0';
                for (int digits = 1; digits < 3 && i + 1 < field.size() && field.at(i + 1) >= '0'
                                     && field.at(i + 1) <= '7';
                     ++digits) {
                    value = value * 8 + (field.at(++i) - '0');
                }
                bytes.append(char(value));
            } else {
                bytes.append(next); // \\ and any other escaped character stand for themselves
            }
        }
    }
    // Not an empty null: an empty field is an empty string, unlike \N.
    QString text = QString::fromUtf8(bytes);
    return text.isNull() ? QString(QLatin1String("")) : text;
}

bool PgCopyReader::read(const QString &scriptPath, const QString &table, Table *out, QString *error)
{
    QFile file(scriptPath);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) {
            *error = file.errorString();
        }
        return false;
    }
    *out = Table();
    const QByteArray start = "COPY " + table.toUtf8() + " (";
    bool inside = false;
    while (!file.atEnd()) {
        QByteArray line = file.readLine();
        if (line.endsWith('\n')) {
            line.chop(1);
        }
        if (!inside) {
            if (line.startsWith(start) && line.endsWith(") FROM stdin;")) {
                inside = true;
                out->found = true;
                const QByteArray list = line.mid(start.size(), line.size() - start.size()
                                                                   - int(qstrlen(") FROM stdin;")));
                for (const QByteArray &column : list.split(',')) {
                    QString name = QString::fromUtf8(column.trimmed());
                    if (name.startsWith(QLatin1Char('"')) && name.endsWith(QLatin1Char('"'))) {
                        name = name.mid(1, name.size() - 2);
                    }
                    out->columns.append(name);
                }
            }
            continue;
        }
        if (line == "\\.") {
            inside = false;
            continue;
        }
        QStringList row;
        for (const QByteArray &field : line.split('\t')) {
            row.append(decodeField(field));
        }
        out->rows.append(row);
    }
    return true;
}

} // namespace Gatehouse
