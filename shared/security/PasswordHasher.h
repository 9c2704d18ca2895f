#pragma once

#include <QString>

namespace Gatehouse::PasswordHasher {

constexpr int kMinimumLength = 10;

// Argon2id through libsodium. The result is self-describing ($argon2id$v=19$m=...), so the
// parameters can be raised later without breaking stored hashes.
[[nodiscard]] QString hash(const QString &password);
[[nodiscard]] bool verify(const QString &password, const QString &storedHash);
// A reason the password is not acceptable, or an empty string.
QString weakness(const QString &password);

} // namespace Gatehouse::PasswordHasher
