#include "FrontDoorRefusal.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Gatehouse::FrontDoorRefusal {

QByteArray response(int status, const QByteArray &reason, const QString &message,
                    const QByteArray &code)
{
    const QByteArray jsonCode = code.isEmpty() ? reason.toLower().replace(' ', '_') : code;
    const QByteArray body
        = QJsonDocument(QJsonObject{{QStringLiteral("error"), message},
                                    {QStringLiteral("code"), QString::fromLatin1(jsonCode)}})
              .toJson(QJsonDocument::Compact);
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
           + "\r\nContent-Type: application/json\r\nContent-Length: "
           + QByteArray::number(body.size())
           + "\r\nConnection: close\r\nCache-Control: no-store\r\n"
             "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\n"
             "X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n\r\n"
           + body;
}

} // namespace Gatehouse::FrontDoorRefusal
