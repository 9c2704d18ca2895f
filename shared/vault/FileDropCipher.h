#pragma once

#include "core/ServiceError.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

class QIODevice;

namespace Gatehouse {

class Database;
class SecretStreamEncryptor;
class SecureBytes;

// The encrypted frames of one dropped file, one file_chunk row each: written from a plaintext
// device as it is read, and read back into a sink. Knows nothing of tasks or who acts; the
// caller's transaction holds what is written.
class FileDropCipher
{
public:
    // Plaintext per frame: a frame with its tag fills one FileStore chunk.
    static constexpr qint64 kFrameBytes = 256 * 1024 - 17;

    struct Written
    {
        qint64 plainSize = 0;
        qint64 storedSize = 0;
        QString sha256; // hex, of what is stored
    };

    // Encrypts source to its end into frames 0, 1, ... of fileId. Invalid for an empty file or
    // one past maxBytes; only one frame of plaintext is held at a time, wiped once encrypted.
    static std::optional<Written> encrypt(const Database &db, qint64 fileId, QIODevice &source,
                                          SecretStreamEncryptor &encryptor, qint64 maxBytes,
                                          ServiceError *error);

    // Decrypts the frames of fileId into sink; Invalid (with a sentence for people) when they
    // were altered, reordered or cut short, or when progress(done) returns false.
    static bool decrypt(const Database &db, qint64 fileId, const SecureBytes &fileKey,
                        const QByteArray &header, qint64 expectedSize, QIODevice &sink,
                        const std::function<bool(qint64 done)> &progress, ServiceError *error);
};

} // namespace Gatehouse
