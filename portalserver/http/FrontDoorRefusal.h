#pragma once

#include <QByteArray>
#include <QString>

namespace Gatehouse::FrontDoorRefusal {

// A complete HTTP response that refuses a request and closes the connection, with the JSON
// body the portal's handlers give ({"error": message, "code": code}); an empty code is the
// reason, lower-cased, with underscores.
QByteArray response(int status, const QByteArray &reason, const QString &message,
                    const QByteArray &code = {});

} // namespace Gatehouse::FrontDoorRefusal
