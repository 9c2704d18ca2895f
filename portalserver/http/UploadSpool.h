#pragma once

#include "vault/SecretStreamEncryptor.h"
#include "vault/SecureBytes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QFile>
#include <QString>

#include <memory>

class QIODevice;

namespace Gatehouse {

// One request body on its way to a handler, written to a file in the spool folder as it
// arrives, so a 100 MB upload never sits whole in memory. The file holds only ciphertext: each
// spool has its own random key (libsodium secretstream), kept in guarded memory and never
// written anywhere, so a client's secret file never touches the disk in the clear, and a spool
// left behind by a crash cannot be read by anyone. The file goes when the spool does.
class UploadSpool
{
public:
    // Plaintext per encrypted frame: every frame but the last is this full.
    static constexpr qint64 kFrameBytes = 64 * 1024;

    ~UploadSpool();
    Q_DISABLE_COPY_MOVE(UploadSpool)

    // A new, empty spool in directory (which must exist); nullptr with *error when the file
    // cannot be made.
    static std::unique_ptr<UploadSpool> create(const QString &directory, QString *error);
    // Deletes the spools that processes no longer running left in directory (a crash); a
    // running process's spools are its own to delete. Returns how many went.
    static int removeStale(const QString &directory);

    // Random, 32 hex digits: what the handler is told to find the spool by.
    QByteArray id() const { return m_id; }
    QString filePath() const { return m_file.fileName(); }
    // Plaintext bytes appended so far.
    qint64 size() const { return m_size; }
    bool isComplete() const { return m_complete; }

    [[nodiscard]] bool append(QByteArrayView bytes, QString *error);
    // The body is complete: seals the last frame and closes the file.
    [[nodiscard]] bool complete(QString *error);
    // The plaintext again, decrypted as it is read; only once complete. Each reader has its own
    // file handle, so it may outlive the spool's file being deleted.
    std::unique_ptr<QIODevice> open(QString *error) const;

private:
    UploadSpool() = default;
    [[nodiscard]] bool writeFrame(const unsigned char *data, qint64 size, bool final,
                                  QString *error);

    QByteArray m_id;
    QFile m_file;
    SecureBytes m_key;
    SecretStreamEncryptor m_encryptor;
    SecureBytes m_frame; // plaintext waiting for a full frame, in guarded memory
    qint64 m_frameFill = 0;
    qint64 m_size = 0;
    bool m_complete = false;
};

} // namespace Gatehouse
