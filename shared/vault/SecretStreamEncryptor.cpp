#include "SecretStreamEncryptor.h"

#include <QCoreApplication>

#include <sodium.h>

namespace Gatehouse {

static_assert(SecretStreamEncryptor::kHeaderBytes
              == crypto_secretstream_xchacha20poly1305_HEADERBYTES);
static_assert(SecretStreamEncryptor::kChunkOverheadBytes
              == crypto_secretstream_xchacha20poly1305_ABYTES);

bool SecretStreamEncryptor::start(const SecureBytes &key, QString *error)
{
    const auto fail = [error](const char *text) {
        if (error) {
            *error = QCoreApplication::translate("Gatehouse::SecretStream", text);
        }
        return false;
    };
    if (key.size() != crypto_secretstream_xchacha20poly1305_KEYBYTES) {
        return fail("The file key is not valid.");
    }
    m_state = SecureBytes::allocate(sizeof(crypto_secretstream_xchacha20poly1305_state));
    if (m_state.isNull()) {
        return fail("Not enough protected memory to encrypt the file.");
    }
    m_header.resize(crypto_secretstream_xchacha20poly1305_HEADERBYTES);
    m_finished = false;
    crypto_secretstream_xchacha20poly1305_init_push(
        reinterpret_cast<crypto_secretstream_xchacha20poly1305_state *>(m_state.data()),
        reinterpret_cast<unsigned char *>(m_header.data()), key.constData());
    return true;
}

QByteArray SecretStreamEncryptor::push(const unsigned char *data, std::size_t size, bool final)
{
    if (m_state.isNull() || m_finished) {
        return QByteArray();
    }
    QByteArray out(qsizetype(size + crypto_secretstream_xchacha20poly1305_ABYTES),
                   Qt::Uninitialized);
    const unsigned char tag = final ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                    : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
    if (crypto_secretstream_xchacha20poly1305_push(
            reinterpret_cast<crypto_secretstream_xchacha20poly1305_state *>(m_state.data()),
            reinterpret_cast<unsigned char *>(out.data()), nullptr, data, size, nullptr, 0, tag)
        != 0) {
        return QByteArray();
    }
    m_finished = final;
    return out;
}

} // namespace Gatehouse
