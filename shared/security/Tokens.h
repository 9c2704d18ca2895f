#pragma once

#include <QByteArray>
#include <QString>

namespace Gatehouse::Tokens {

// Initialises libsodium; safe to call more than once. Every program calls it at start-up.
[[nodiscard]] bool initialise();

// 256 bits from the system CSPRNG, base64url without padding (43 characters).
QString generate();
// Six decimal digits, uniformly distributed.
QString generateCode();
// What the database stores instead of a token: hex SHA-256.
QString hash(const QString &token);
// A code is hashed together with its challenge, so equal codes never share a hash.
QString hashCode(const QString &code, const QString &salt);
// Compares two hashes without leaking where they differ.
bool equalConstantTime(const QString &a, const QString &b);
// A token from a URL or body: base64url alphabet and the expected length only.
bool looksLikeToken(const QString &text);

} // namespace Gatehouse::Tokens
