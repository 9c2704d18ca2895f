#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>

struct zip;

namespace Gatehouse {

// Writes a ZIP archive with libzip. Nothing appears at the path until close() succeeds: libzip
// writes to a temporary file beside it and renames it over the path at the end, so a failed or
// abandoned archive never leaves half a file behind.
class ZipWriter
{
public:
    explicit ZipWriter(const QString &path);
    ~ZipWriter();
    ZipWriter(const ZipWriter &) = delete;
    ZipWriter &operator=(const ZipWriter &) = delete;

    [[nodiscard]] bool open(QString *error);
    // name: a relative path inside the archive, with '/' between folders.
    [[nodiscard]] bool add(const QString &name, const QByteArray &data, const QDateTime &modified,
                           QString *error);
    // Compresses and writes everything; progress runs from 0 to 1 meanwhile.
    [[nodiscard]] bool close(QString *error, const std::function<void(double)> &progress = {});

private:
    QString m_path;
    ::zip *m_zip = nullptr;
    QList<QByteArray> m_data; // libzip reads the bytes only at close()
};

} // namespace Gatehouse
