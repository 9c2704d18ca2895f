#include "VaultCrypto.h"

#include <QCoreApplication>

#include <sodium.h>

namespace Gatehouse {

KdfParams KdfParams::standard()
{
    return {3, 64ull * 1024 * 1024};
}

KdfParams KdfParams::minimum()
{
    return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

bool KdfParams::isValid() const
{
    return opsLimit >= crypto_pwhash_OPSLIMIT_MIN && opsLimit <= crypto_pwhash_OPSLIMIT_MAX
           && memLimit >= crypto_pwhash_MEMLIMIT_MIN && memLimit <= crypto_pwhash_MEMLIMIT_MAX;
}

namespace VaultCrypto {

namespace {

static_assert(kPublicKeyBytes == crypto_box_PUBLICKEYBYTES);
static_assert(kSecretKeyBytes == crypto_box_SECRETKEYBYTES);
static_assert(kSealOverheadBytes == crypto_box_SEALBYTES);
static_assert(kSaltBytes == crypto_pwhash_SALTBYTES);

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::VaultCrypto", text);
}

void fail(QString *error, const QString &message)
{
    if (error) {
        *error = message;
    }
}

// The key a password stands for, under the given salt and work factors.
SecureBytes deriveKey(const QString &password, const QByteArray &salt, const KdfParams &params,
                      QString *error)
{
    SecureBytes key = SecureBytes::allocate(crypto_secretbox_KEYBYTES);
    SecureBytes secret = SecureBytes::fromUtf8(password);
    if (key.isNull() || secret.isNull()) {
        fail(error, tr("Not enough protected memory for the vault's keys."));
        return SecureBytes();
    }
    if (crypto_pwhash(key.data(), key.size(), secret.chars(), secret.size(),
                      reinterpret_cast<const unsigned char *>(salt.constData()), params.opsLimit,
                      size_t(params.memLimit), crypto_pwhash_ALG_ARGON2ID13)
        != 0) {
        fail(error, tr("Not enough memory to derive the key from the password."));
        return SecureBytes();
    }
    return key;
}

} // namespace

std::optional<KeyPair> generateKeyPair()
{
    KeyPair pair;
    pair.publicKey.resize(crypto_box_PUBLICKEYBYTES);
    pair.secretKey = SecureBytes::allocate(crypto_box_SECRETKEYBYTES);
    if (pair.secretKey.isNull()
        || crypto_box_keypair(reinterpret_cast<unsigned char *>(pair.publicKey.data()),
                              pair.secretKey.data())
               != 0) {
        return std::nullopt;
    }
    return pair;
}

QByteArray publicKeyOf(const SecureBytes &secretKey)
{
    if (secretKey.size() != crypto_box_SECRETKEYBYTES) {
        return QByteArray();
    }
    QByteArray publicKey(crypto_box_PUBLICKEYBYTES, Qt::Uninitialized);
    if (crypto_scalarmult_base(reinterpret_cast<unsigned char *>(publicKey.data()),
                               secretKey.constData())
        != 0) {
        return QByteArray();
    }
    return publicKey;
}

std::optional<WrappedKey> wrap(const SecureBytes &secretKey, const QString &password,
                               const KdfParams &params, QString *error)
{
    if (!params.isValid()) {
        fail(error, tr("The key derivation settings are out of range."));
        return std::nullopt;
    }
    WrappedKey wrapped;
    wrapped.kdf = params;
    wrapped.salt.resize(crypto_pwhash_SALTBYTES);
    randombytes_buf(wrapped.salt.data(), size_t(wrapped.salt.size()));
    const SecureBytes key = deriveKey(password, wrapped.salt, params, error);
    if (key.isNull()) {
        return std::nullopt;
    }
    wrapped.box.resize(
        qsizetype(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + secretKey.size()));
    auto *box = reinterpret_cast<unsigned char *>(wrapped.box.data());
    randombytes_buf(box, crypto_secretbox_NONCEBYTES);
    if (crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, secretKey.constData(),
                              secretKey.size(), box, key.constData())
        != 0) {
        fail(error, tr("The key could not be wrapped."));
        return std::nullopt;
    }
    return wrapped;
}

std::optional<SecureBytes> unwrap(const WrappedKey &wrapped, const QString &password,
                                  QString *error)
{
    const qsizetype overhead = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;
    if (wrapped.box.size() <= overhead || wrapped.salt.size() != crypto_pwhash_SALTBYTES
        || !wrapped.kdf.isValid()) {
        fail(error, tr("The stored key is damaged."));
        return std::nullopt;
    }
    const SecureBytes key = deriveKey(password, wrapped.salt, wrapped.kdf, error);
    if (key.isNull()) {
        return std::nullopt;
    }
    SecureBytes secretKey = SecureBytes::allocate(size_t(wrapped.box.size() - overhead));
    if (secretKey.isNull()) {
        fail(error, tr("Not enough protected memory for the vault's keys."));
        return std::nullopt;
    }
    const auto *box = reinterpret_cast<const unsigned char *>(wrapped.box.constData());
    if (crypto_secretbox_open_easy(secretKey.data(), box + crypto_secretbox_NONCEBYTES,
                                   size_t(wrapped.box.size() - crypto_secretbox_NONCEBYTES), box,
                                   key.constData())
        != 0) {
        fail(error, tr("The password is not correct."));
        return std::nullopt;
    }
    return secretKey;
}

QByteArray seal(const unsigned char *data, std::size_t size, const QByteArray &publicKey)
{
    if (publicKey.size() != crypto_box_PUBLICKEYBYTES) {
        return QByteArray();
    }
    QByteArray sealed(qsizetype(size + crypto_box_SEALBYTES), Qt::Uninitialized);
    if (crypto_box_seal(reinterpret_cast<unsigned char *>(sealed.data()), data, size,
                        reinterpret_cast<const unsigned char *>(publicKey.constData()))
        != 0) {
        return QByteArray();
    }
    return sealed;
}

std::optional<SecureBytes> open(const QByteArray &sealed, const QByteArray &publicKey,
                                const SecureBytes &secretKey, QString *error)
{
    if (publicKey.size() != crypto_box_PUBLICKEYBYTES
        || secretKey.size() != crypto_box_SECRETKEYBYTES) {
        fail(error, tr("The vault key is not valid."));
        return std::nullopt;
    }
    if (sealed.size() < crypto_box_SEALBYTES) {
        fail(error, tr("The stored secret is damaged or was not sealed for this vault."));
        return std::nullopt;
    }
    SecureBytes plaintext = SecureBytes::allocate(size_t(sealed.size() - crypto_box_SEALBYTES));
    if (plaintext.isNull()) {
        fail(error, tr("Not enough protected memory to open the secret."));
        return std::nullopt;
    }
    if (crypto_box_seal_open(
            plaintext.data(), reinterpret_cast<const unsigned char *>(sealed.constData()),
            size_t(sealed.size()), reinterpret_cast<const unsigned char *>(publicKey.constData()),
            secretKey.constData())
        != 0) {
        fail(error, tr("The stored secret is damaged or was not sealed for this vault."));
        return std::nullopt;
    }
    return plaintext;
}

SecureBytes newStreamKey()
{
    SecureBytes key = SecureBytes::allocate(crypto_secretstream_xchacha20poly1305_KEYBYTES);
    if (!key.isNull()) {
        crypto_secretstream_xchacha20poly1305_keygen(key.data());
    }
    return key;
}

} // namespace VaultCrypto

} // namespace Gatehouse
