#include "SecretStreamDecryptor.h"

#include <QCoreApplication>

#include <sodium.h>

namespace Gatehouse {

namespace {

bool fail(QString *error, const char *text)
{
    if (error) {
        *error = QCoreApplication::translate("Gatehouse::SecretStream", text);
    }
    return false;
}

} // namespace

bool SecretStreamDecryptor::start(const SecureBytes &key, const QByteArray &header, QString *error)
{
    m_finished = false;
    m_failed = true;
    if (key.size() != crypto_secretstream_xchacha20poly1305_KEYBYTES) {
        return fail(error, "The file key is not valid.");
    }
    if (header.size() != crypto_secretstream_xchacha20poly1305_HEADERBYTES) {
        return fail(error, "The encrypted file is damaged: its header is missing.");
    }
    m_state = SecureBytes::allocate(sizeof(crypto_secretstream_xchacha20poly1305_state));
    if (m_state.isNull()) {
        return fail(error, "Not enough protected memory to decrypt the file.");
    }
    if (crypto_secretstream_xchacha20poly1305_init_pull(
            reinterpret_cast<crypto_secretstream_xchacha20poly1305_state *>(m_state.data()),
            reinterpret_cast<const unsigned char *>(header.constData()), key.constData())
        != 0) {
        return fail(error, "The encrypted file is damaged: its header is not valid.");
    }
    m_failed = false;
    return true;
}

std::optional<SecureBytes> SecretStreamDecryptor::pull(const QByteArray &chunk, QString *error)
{
    if (m_failed || m_state.isNull()) {
        fail(error, "The file cannot be decrypted.");
        return std::nullopt;
    }
    if (m_finished) {
        m_failed = true;
        fail(error, "The encrypted file is damaged: it goes on after its end.");
        return std::nullopt;
    }
    if (chunk.size() < crypto_secretstream_xchacha20poly1305_ABYTES) {
        m_failed = true;
        fail(error, "The encrypted file is damaged: a part of it is cut short.");
        return std::nullopt;
    }
    SecureBytes plain = SecureBytes::allocate(
        size_t(chunk.size() - crypto_secretstream_xchacha20poly1305_ABYTES));
    if (plain.isNull()) {
        m_failed = true;
        fail(error, "Not enough protected memory to decrypt the file.");
        return std::nullopt;
    }
    unsigned char tag = 0;
    if (crypto_secretstream_xchacha20poly1305_pull(
            reinterpret_cast<crypto_secretstream_xchacha20poly1305_state *>(m_state.data()),
            plain.data(), nullptr, &tag, reinterpret_cast<const unsigned char *>(chunk.constData()),
            size_t(chunk.size()), nullptr, 0)
        != 0) {
        m_failed = true;
        fail(error, "The encrypted file is damaged or was altered.");
        return std::nullopt;
    }
    m_finished = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    return plain;
}

bool SecretStreamDecryptor::finish(QString *error) const
{
    if (m_failed) {
        return fail(error, "The file cannot be decrypted.");
    }
    if (!m_finished) {
        return fail(error, "The encrypted file is incomplete: its end is missing.");
    }
    return true;
}

} // namespace Gatehouse
