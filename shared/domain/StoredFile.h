#pragma once

#include <QString>

namespace Gatehouse {

// A file held in the database (storage/FileStore).
struct StoredFile
{
    qint64 id = 0;
    QString name;
    QString mediaType;
    qint64 size = 0;
    QString sha256; // hex
    qint64 createdAtMs = 0;
};

} // namespace Gatehouse
