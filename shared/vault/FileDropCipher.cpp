#include "FileDropCipher.h"

#include "FileDropRepository.h"
#include "SecretStreamDecryptor.h"
#include "SecretStreamEncryptor.h"
#include "SecureBytes.h"
#include "core/Logging.h"
#include "storage/FileStore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QIODevice>

namespace Gatehouse {

namespace {

static_assert(FileDropCipher::kFrameBytes + SecretStreamEncryptor::kChunkOverheadBytes
              == FileStore::kChunkBytes);

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::FileDropCipher", text);
}

void internal(ServiceError *error, const QString &detail)
{
    qCWarning(lcVault) << detail;
    ServiceError::internal(error);
}

} // namespace

std::optional<FileDropCipher::Written> FileDropCipher::encrypt(const Database &db, qint64 fileId,
                                                               QIODevice &source,
                                                               SecretStreamEncryptor &encryptor,
                                                               qint64 maxBytes, ServiceError *error)
{
    FileDropRepository drops(db);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    Written written;
    QString dbError;
    // The frame after the current one is read first, to know which is the final one.
    QByteArray next = source.read(kFrameBytes);
    if (next.isEmpty()) {
        ServiceError::set(error, ServiceError::Kind::Invalid, tr("The file is empty."));
        return std::nullopt;
    }
    for (int seq = 0;; ++seq) {
        QByteArray current = std::move(next);
        next = source.read(kFrameBytes);
        if (next.isEmpty() && !source.atEnd()) {
            SecureBytes::wipe(current);
            internal(error,
                     QStringLiteral("Reading a dropped file failed: %1").arg(source.errorString()));
            return std::nullopt;
        }
        written.plainSize += current.size();
        if (written.plainSize > maxBytes) {
            SecureBytes::wipe(current);
            SecureBytes::wipe(next);
            ServiceError::set(error, ServiceError::Kind::Invalid,
                              tr("A file can be at most %1 MB large.").arg(maxBytes / 1024 / 1024));
            return std::nullopt;
        }
        const bool final = next.isEmpty();
        const QByteArray frame = encryptor.push(current, final);
        SecureBytes::wipe(current);
        if (frame.isEmpty() || !drops.writeFrame(fileId, seq, frame, &dbError)) {
            SecureBytes::wipe(next);
            internal(error,
                     dbError.isEmpty() ? QStringLiteral("Encrypting a frame failed") : dbError);
            return std::nullopt;
        }
        hash.addData(frame);
        written.storedSize += frame.size();
        if (final) {
            break;
        }
    }
    written.sha256 = QString::fromLatin1(hash.result().toHex());
    return written;
}

bool FileDropCipher::decrypt(const Database &db, qint64 fileId, const SecureBytes &fileKey,
                             const QByteArray &header, qint64 expectedSize, QIODevice &sink,
                             const std::function<bool(qint64 done)> &progress, ServiceError *error)
{
    const auto refuse = [error](const QString &why) {
        qCWarning(lcVault) << "A file drop did not decrypt:" << why;
        ServiceError::set(error, ServiceError::Kind::Invalid, why);
        return false;
    };
    QString cryptoError;
    SecretStreamDecryptor decryptor;
    if (!decryptor.start(fileKey, header, &cryptoError)) {
        return refuse(cryptoError);
    }
    FileDropRepository drops(db);
    QString dbError;
    qint64 done = 0;
    for (int seq = 0;; ++seq) {
        const std::optional<QByteArray> frame = drops.frame(fileId, seq, &dbError);
        if (!frame) {
            internal(error, dbError);
            return false;
        }
        if (frame->isEmpty()) {
            break;
        }
        const std::optional<SecureBytes> plain = decryptor.pull(*frame, &cryptoError);
        if (!plain) {
            return refuse(cryptoError);
        }
        if (sink.write(plain->chars(), qint64(plain->size())) != qint64(plain->size())) {
            ServiceError::set(error, ServiceError::Kind::Invalid,
                              tr("The file could not be written: %1").arg(sink.errorString()));
            return false;
        }
        done += qint64(plain->size());
        if (progress && !progress(done)) {
            ServiceError::set(error, ServiceError::Kind::Invalid,
                              tr("The download was cancelled."));
            return false;
        }
    }
    if (!decryptor.finish(&cryptoError)) {
        return refuse(cryptoError);
    }
    if (done != expectedSize) {
        return refuse(tr("The encrypted file is damaged: its size does not match."));
    }
    return true;
}

} // namespace Gatehouse
