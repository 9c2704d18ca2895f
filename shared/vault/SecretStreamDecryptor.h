#pragma once

#include "SecureBytes.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace Gatehouse {

// The other end of SecretStreamEncryptor: opens chunks in the order they were written. A chunk
// that was altered, dropped, reordered or comes after the final one is refused, and finish()
// refuses a stream whose final chunk never came (a truncated file).
class SecretStreamDecryptor
{
public:
    SecretStreamDecryptor() = default;
    Q_DISABLE_COPY_MOVE(SecretStreamDecryptor)

    [[nodiscard]] bool start(const SecureBytes &key, const QByteArray &header, QString *error);
    // One chunk's plaintext, or nullopt (and the stream is dead) when it does not authenticate.
    std::optional<SecureBytes> pull(const QByteArray &chunk, QString *error);
    // True once the final chunk has been opened; false with a reason otherwise.
    [[nodiscard]] bool finish(QString *error) const;
    bool isFinished() const { return m_finished; }

private:
    SecureBytes m_state;
    bool m_finished = false;
    bool m_failed = false;
};

} // namespace Gatehouse
