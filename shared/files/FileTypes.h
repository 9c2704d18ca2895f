#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace Gatehouse {

// Which files a task accepts, and what a file really is. The type comes from the file's bytes
// (freedesktop.org shared-mime-info magic, through QMimeDatabase); the name only has to agree
// with them, so a script renamed to .pdf is refused.
namespace FileTypes {

// Groups staff choose from when they set up an upload task.
const QStringList &categories(); // "pdf", "image", "office", "text", "archive"
QStringList defaultCategories(); // pdf, image, office, text
QString categoryLabel(const QString &category);
// Extensions shown to people (".pdf, .png, ...") and offered to the browser's file picker.
QStringList extensionsOf(const QStringList &categories);

struct Inspection
{
    QString mediaType; // what is stored and sent as Content-Type on download
    QString category;
};

// The file's type if it is one of the categories and its name agrees with its bytes; else a
// sentence for the person who chose it in *error. head: at least the first 4 KiB of the file.
std::optional<Inspection> inspect(const QString &fileName, const QByteArray &head,
                                  const QStringList &acceptedCategories, QString *error);

} // namespace FileTypes

} // namespace Gatehouse
