#pragma once

#include <QString>

namespace Gatehouse::PasswordHasher {

constexpr int kMinimumLength = 10;

// Argon2id through libsodium. The result is self-describing ($argon2id$v=19$m=...), so the
// parameters can be raised later without breaking stored hashes.
[[nodiscard]] QString hash(const QString &password);
[[nodiscard]] bool verify(const QString &password, const QString &storedHash);
// For an account that does not exist or has no password: does the same Argon2 work as verify()
// against a fixed dummy hash, so the answer takes as long either way. Always false.
bool verifyNothing(const QString &password);
// A reason the password is not acceptable (too short, or too common), or an empty string.
QString weakness(const QString &password);
// Whether it is on the list of common passwords compiled into the program (case-insensitive).
bool isCommon(const QString &password);

} // namespace Gatehouse::PasswordHasher
