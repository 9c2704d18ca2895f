#pragma once

#include "SecureBytes.h"

#include <QByteArray>
#include <QString>

namespace Gatehouse {

// Encrypts one file chunk by chunk (libsodium secretstream, XChaCha20-Poly1305), so a large
// file never has to be held whole. Each chunk is authenticated and ordered; the last one is
// marked final, so a truncated stream is detected by the decryptor.
//
//     SecretStreamEncryptor enc;
//     if (!enc.start(key, &error)) ...;   store enc.header()
//     for each chunk: store enc.push(data, size, isLast)
class SecretStreamEncryptor
{
public:
    static constexpr int kHeaderBytes = 24;
    static constexpr int kChunkOverheadBytes = 17;

    SecretStreamEncryptor() = default;
    Q_DISABLE_COPY_MOVE(SecretStreamEncryptor)

    // key: 32 bytes (VaultCrypto::newStreamKey()).
    [[nodiscard]] bool start(const SecureBytes &key, QString *error);
    QByteArray header() const { return m_header; }
    // The ciphertext of the chunk (size + kChunkOverheadBytes); empty on misuse (not started,
    // or pushed after the final chunk).
    QByteArray push(const unsigned char *data, std::size_t size, bool final);
    QByteArray push(const QByteArray &chunk, bool final)
    {
        return push(reinterpret_cast<const unsigned char *>(chunk.constData()),
                    std::size_t(chunk.size()), final);
    }
    bool isFinished() const { return m_finished; }

private:
    SecureBytes m_state; // crypto_secretstream_xchacha20poly1305_state, in guarded memory
    QByteArray m_header;
    bool m_finished = false;
};

} // namespace Gatehouse
