#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace Gatehouse::Testing {

// One documented operation of the portal's route table (resources/portal/openapi.yaml).
struct Operation
{
    QString path; // as documented: /api/v1/tasks/{id}/files
    QByteArray method;
    QString permission; // "none", or a PortalRole permission key; empty: not given

    // "POST /api/v1/tasks/{id}/complete"
    QString describe() const { return QString::fromLatin1(method) + QLatin1Char(' ') + path; }
    bool changesState() const { return method != "GET" && method != "HEAD"; }
};

// Every operation of the route table, with its x-permission; empty when the file is unreadable.
QList<Operation> documentedOperations();

} // namespace Gatehouse::Testing
