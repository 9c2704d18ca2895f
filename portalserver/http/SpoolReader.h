#pragma once

#include "vault/SecretStreamDecryptor.h"
#include "vault/SecureBytes.h"

#include <QFile>
#include <QIODevice>

namespace Gatehouse {

// Reads an UploadSpool's plaintext back, decrypting frame by frame as it is read: one frame of
// plaintext in memory at a time. A spool that was altered or cut short is a read error.
// Sequential; bytesAvailable() is what is left of the plaintext, so a caller knows the size
// before reading.
class SpoolReader : public QIODevice
{
    Q_OBJECT
public:
    // key: the spool's; plainSize: what was written. Opens the file; isOpen() says whether
    // that worked (errorString() why not).
    SpoolReader(const QString &filePath, const SecureBytes &key, qint64 plainSize,
                qint64 frameBytes);
    ~SpoolReader() override;

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    bool nextFrame();

    QFile m_file;
    SecretStreamDecryptor m_decryptor;
    SecureBytes m_plain; // the current frame
    qint64 m_offset = 0; // into m_plain
    qint64 m_plainSize = 0;
    qint64 m_produced = 0;
    qint64 m_cipherFrameBytes = 0;
    bool m_failed = false;
};

} // namespace Gatehouse
