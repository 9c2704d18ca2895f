#include "SpoolReader.h"

#include "vault/SecretStreamEncryptor.h"

#include <cstring>

namespace Gatehouse {

SpoolReader::SpoolReader(const QString &filePath, const SecureBytes &key, qint64 plainSize,
                         qint64 frameBytes)
    : m_file(filePath)
    , m_plainSize(plainSize)
    , m_cipherFrameBytes(frameBytes + SecretStreamEncryptor::kChunkOverheadBytes)
{
    QString error;
    if (!m_file.open(QIODevice::ReadOnly)) {
        setErrorString(
            QStringLiteral("Cannot open the upload spool: %1").arg(m_file.errorString()));
        return;
    }
    const QByteArray header = m_file.read(SecretStreamEncryptor::kHeaderBytes);
    if (!m_decryptor.start(SecureBytes::copyOf(key.chars(), key.size()), header, &error)) {
        setErrorString(error);
        return;
    }
    QIODevice::open(QIODevice::ReadOnly);
}

SpoolReader::~SpoolReader() = default;

qint64 SpoolReader::bytesAvailable() const
{
    return m_plainSize - m_produced + QIODevice::bytesAvailable();
}

bool SpoolReader::nextFrame()
{
    const QByteArray cipher = m_file.read(m_cipherFrameBytes);
    QString error;
    std::optional<SecureBytes> plain;
    if (cipher.isEmpty()) {
        error = QStringLiteral("The upload spool ends before its last part.");
    } else {
        plain = m_decryptor.pull(cipher, &error);
    }
    if (!plain) {
        m_failed = true;
        setErrorString(error);
        return false;
    }
    m_plain = std::move(*plain);
    m_offset = 0;
    return true;
}

qint64 SpoolReader::readData(char *data, qint64 maxSize)
{
    qint64 done = 0;
    while (done < maxSize && !m_failed) {
        if (m_offset == qint64(m_plain.size())) {
            if (m_decryptor.isFinished()) {
                break;
            }
            if (!nextFrame()) {
                break;
            }
            continue;
        }
        const qint64 take = qMin<qint64>(maxSize - done, qint64(m_plain.size()) - m_offset);
        std::memcpy(data + done, m_plain.chars() + m_offset, size_t(take));
        m_offset += take;
        done += take;
    }
    m_produced += done;
    // More plaintext than the spool was written with would be tampering, too.
    if (m_produced > m_plainSize) {
        m_failed = true;
        setErrorString(QStringLiteral("The upload spool is longer than what was written."));
    }
    return done == 0 && m_failed ? -1 : done;
}

} // namespace Gatehouse
