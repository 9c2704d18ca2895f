#pragma once

#include "SecureBytes.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace Gatehouse {

// Argon2id work factors, stored next to each salt so they can be raised later without
// breaking what was wrapped before.
struct KdfParams
{
    quint64 opsLimit = 0;
    quint64 memLimit = 0; // bytes

    // What new keys get: 3 passes over 64 MiB, about what password managers use for the same job.
    static KdfParams standard();
    // libsodium's minimum: for tests only, where hundreds of derivations must stay quick.
    static KdfParams minimum();
    // Whether libsodium accepts them (and they are not below its minimum).
    bool isValid() const;
};

// A private key wrapped with a key derived from a password: nonce and secretbox ciphertext in
// one blob, the salt and work factors beside it.
struct WrappedKey
{
    QByteArray box; // nonce || secretbox(private key)
    QByteArray salt;
    KdfParams kdf;
};

// An X25519 key pair; the private half only ever in guarded memory.
struct KeyPair
{
    QByteArray publicKey;
    SecureBytes secretKey;
};

// The vault's cryptography, all of it libsodium: X25519 key pairs, password wrapping
// (Argon2id + XSalsa20-Poly1305 secretbox), sealed boxes to a public key. Stateless.
namespace VaultCrypto {

constexpr int kPublicKeyBytes = 32;
constexpr int kSecretKeyBytes = 32;
constexpr int kSealOverheadBytes = 48;
constexpr int kSaltBytes = 16;

// Nullopt only when guarded memory cannot be had.
std::optional<KeyPair> generateKeyPair();
// The public key that belongs to a private key, to check that an opened key is the right one.
QByteArray publicKeyOf(const SecureBytes &secretKey);

// Wraps a private key under a key derived from the password with a fresh random salt.
std::optional<WrappedKey> wrap(const SecureBytes &secretKey, const QString &password,
                               const KdfParams &params, QString *error);
// The private key again; fails (with "wrong password" in *error) when the password or anything
// stored was altered: the secretbox's MAC tells them apart from nothing.
std::optional<SecureBytes> unwrap(const WrappedKey &wrapped, const QString &password,
                                  QString *error);

// Anonymous sealed box (crypto_box_seal): anyone with the public key can seal; only the holder
// of the private key can open. Empty on failure (a malformed public key).
QByteArray seal(const unsigned char *data, std::size_t size, const QByteArray &publicKey);
inline QByteArray seal(const SecureBytes &plaintext, const QByteArray &publicKey)
{
    return seal(plaintext.constData(), plaintext.size(), publicKey);
}
std::optional<SecureBytes> open(const QByteArray &sealed, const QByteArray &publicKey,
                                const SecureBytes &secretKey, QString *error);

// A fresh random key for one secretstream (one file).
SecureBytes newStreamKey();

} // namespace VaultCrypto

} // namespace Gatehouse
