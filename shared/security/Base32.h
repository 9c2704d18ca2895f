#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace Gatehouse::Base32 {

// RFC 4648 base32 (upper-case alphabet A-Z2-7) without padding: how authenticator apps take
// a TOTP secret.
QString encode(const QByteArray &bytes);
// Accepts lower case, spaces and trailing '=' padding as people and apps write them; nullopt
// on any other character or a length no encoding produces.
std::optional<QByteArray> decode(const QString &text);

} // namespace Gatehouse::Base32
