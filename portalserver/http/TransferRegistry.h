#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace Gatehouse {

class UploadSpool;

// A file the front door sends itself, chunk by chunk, instead of QHttpServer sending a body
// held whole in memory (QHttpServerResponder's QIODevice path copies through a 512-byte buffer
// in 6.4, with no backpressure).
struct FileDownload
{
    qint64 size = 0;
    // Chunk seq (0, 1, ...) of the file: empty past the end, nullopt with *error on failure.
    std::function<std::optional<QByteArray>(int seq, QString *error)> chunk;
};

// What passes between the front door and the handlers behind QHttpServer on one server (one
// thread) besides the HTTP bytes: request bodies the door spooled, files a handler wants the
// door to send. Each is named by a random id in an internal header (Gatehouse-Internal-*),
// which the door refuses in any request a client sends and strips from every response.
class TransferRegistry
{
public:
    // The handler finds a spooled body by the id in this request header.
    static constexpr const char kSpoolHeader[] = "Gatehouse-Internal-Spool";
    // A response with this header (and an empty body) gets the offered file as its body.
    static constexpr const char kFileHeader[] = "Gatehouse-Internal-File";

    // directory: where spools are written (made if missing; stale spools are removed).
    explicit TransferRegistry(const QString &spoolDirectory);
    ~TransferRegistry();
    Q_DISABLE_COPY_MOVE(TransferRegistry)

    QString spoolDirectory() const { return m_spoolDirectory; }
    // Makes the folder and clears it of what crashed processes left.
    [[nodiscard]] bool prepare(QString *error);

    std::shared_ptr<UploadSpool> createSpool(QString *error);
    // A complete spool by its id; nullptr when there is none (the request ended, or the id is
    // made up).
    std::shared_ptr<UploadSpool> spool(const QByteArray &id) const;
    // Forgets the spool; its file goes as soon as nobody reads it.
    void removeSpool(const QByteArray &id);
    int spoolCount() const { return int(m_spools.size()); }

    // A handler offers a file; the token goes into kFileHeader. Offers nobody takes (the client
    // left before the answer went out) are forgotten after a minute.
    QByteArray offerDownload(FileDownload download);
    std::optional<FileDownload> takeDownload(const QByteArray &token);

private:
    struct Offer
    {
        FileDownload download;
        QElapsedTimer age;
    };

    QString m_spoolDirectory;
    QHash<QByteArray, std::shared_ptr<UploadSpool>> m_spools;
    QHash<QByteArray, Offer> m_offers;
};

} // namespace Gatehouse
