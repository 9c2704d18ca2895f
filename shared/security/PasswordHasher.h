#pragma once

#include <QString>

namespace Gatehouse::PasswordHasher {

constexpr int kMinimumLength = 10;

// Argon2id through libsodium. The result is self-describing ($argon2id$v=19$m=...), so the
// parameters can be raised later without breaking stored hashes.
[[nodiscard]] QString hash(const QString &password);
[[nodiscard]] bool verify(const QString &password, const QString &storedHash);
// A reason the password is not acceptable (too short, or too common), or an empty string.
QString weakness(const QString &password);
// Whether it is on the list of common passwords compiled into the program (case-insensitive).
bool isCommon(const QString &password);

} // namespace Gatehouse::PasswordHasher
