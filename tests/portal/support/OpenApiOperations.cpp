#include "OpenApiOperations.h"

#include <QFile>
#include <QRegularExpression>

namespace Gatehouse::Testing {

QList<Operation> documentedOperations()
{
    QFile file(QStringLiteral(":/portal/openapi.yaml"));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    const QRegularExpression pathLine(QStringLiteral("^  (/\\S+):\\s*$"));
    const QRegularExpression methodLine(
        QStringLiteral("^    (get|post|put|patch|delete|head):\\s*$"));
    const QRegularExpression permissionLine(QStringLiteral("^      x-permission:\\s*(\\S+)\\s*$"));
    QList<Operation> operations;
    QString current;
    bool inPaths = false;
    for (const QByteArray &raw : file.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (line == QLatin1String("paths:")) {
            inPaths = true;
            continue;
        }
        if (!line.startsWith(QLatin1Char(' ')) && !line.trimmed().isEmpty()) {
            inPaths = false;
        }
        if (!inPaths) {
            continue;
        }
        QRegularExpressionMatch match = pathLine.match(line);
        if (match.hasMatch()) {
            current = match.captured(1);
            continue;
        }
        match = methodLine.match(line);
        if (match.hasMatch() && !current.isEmpty()) {
            operations.append({current, match.captured(1).toUpper().toLatin1(), QString()});
            continue;
        }
        match = permissionLine.match(line);
        if (match.hasMatch() && !operations.isEmpty() && operations.last().permission.isEmpty()) {
            operations.last().permission = match.captured(1);
        }
    }
    return operations;
}

} // namespace Gatehouse::Testing
