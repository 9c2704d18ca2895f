#include "FileTypes.h"

#include <QCoreApplication>
#include <QMimeDatabase>

namespace Gatehouse::FileTypes {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::FileTypes", text);
}

struct Category
{
    const char *key;
    QStringList mediaTypes; // a file belongs when its type is, or inherits, one of them
    QStringList extensions;
};

const QList<Category> &table()
{
    static const QList<Category> categories{
        {"pdf", {QStringLiteral("application/pdf")}, {QStringLiteral(".pdf")}},
        // No SVG: it is a document that can carry script.
        {"image",
         {QStringLiteral("image/png"), QStringLiteral("image/jpeg"), QStringLiteral("image/gif"),
          QStringLiteral("image/webp"), QStringLiteral("image/heif"), QStringLiteral("image/tiff")},
         {QStringLiteral(".png"), QStringLiteral(".jpg"), QStringLiteral(".jpeg"),
          QStringLiteral(".gif"), QStringLiteral(".webp"), QStringLiteral(".heic"),
          QStringLiteral(".tif"), QStringLiteral(".tiff")}},
        {"office",
         {QStringLiteral("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
          QStringLiteral("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
          QStringLiteral("application/vnd.openxmlformats-officedocument.presentationml."
                         "presentation"),
          QStringLiteral("application/vnd.oasis.opendocument.text"),
          QStringLiteral("application/vnd.oasis.opendocument.spreadsheet"),
          QStringLiteral("application/vnd.oasis.opendocument.presentation"),
          QStringLiteral("application/msword"), QStringLiteral("application/vnd.ms-excel"),
          QStringLiteral("application/vnd.ms-powerpoint")},
         {QStringLiteral(".docx"), QStringLiteral(".xlsx"), QStringLiteral(".pptx"),
          QStringLiteral(".odt"), QStringLiteral(".ods"), QStringLiteral(".odp"),
          QStringLiteral(".doc"), QStringLiteral(".xls"), QStringLiteral(".ppt")}},
        {"text",
         {QStringLiteral("text/plain"), QStringLiteral("text/csv")},
         {QStringLiteral(".txt"), QStringLiteral(".csv"), QStringLiteral(".log")}},
        {"archive",
         {QStringLiteral("application/zip"), QStringLiteral("application/x-7z-compressed")},
         {QStringLiteral(".zip"), QStringLiteral(".7z")}},
    };
    return categories;
}

bool isA(const QMimeType &type, const QStringList &mediaTypes)
{
    for (const QString &name : mediaTypes) {
        if (type.inherits(name)) {
            return true;
        }
    }
    return false;
}

// Text that is really markup or a script stays out of the "text" group, whatever its name.
bool isActiveContent(const QMimeType &type)
{
    static const QStringList active{QStringLiteral("text/html"), QStringLiteral("image/svg+xml"),
                                    QStringLiteral("application/xhtml+xml"),
                                    QStringLiteral("application/javascript"),
                                    QStringLiteral("application/xml")};
    return isA(type, active);
}

} // namespace

const QStringList &categories()
{
    static const QStringList keys = [] {
        QStringList list;
        for (const Category &category : table()) {
            list.append(QLatin1String(category.key));
        }
        return list;
    }();
    return keys;
}

QStringList defaultCategories()
{
    return {QStringLiteral("pdf"), QStringLiteral("image"), QStringLiteral("office"),
            QStringLiteral("text")};
}

QString categoryLabel(const QString &category)
{
    if (category == QLatin1String("pdf")) {
        return tr("PDF documents");
    }
    if (category == QLatin1String("image")) {
        return tr("Images");
    }
    if (category == QLatin1String("office")) {
        return tr("Office documents");
    }
    if (category == QLatin1String("text")) {
        return tr("Text and CSV files");
    }
    if (category == QLatin1String("archive")) {
        return tr("ZIP archives");
    }
    return category;
}

QStringList extensionsOf(const QStringList &accepted)
{
    QStringList extensions;
    for (const Category &category : table()) {
        if (accepted.contains(QLatin1String(category.key))) {
            extensions += category.extensions;
        }
    }
    return extensions;
}

std::optional<Inspection> inspect(const QString &fileName, const QByteArray &head,
                                  const QStringList &acceptedCategories, QString *error)
{
    const auto refuse = [&](const QString &message) -> std::optional<Inspection> {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    };
    if (head.isEmpty()) {
        return refuse(tr("The file is empty."));
    }
    const QMimeDatabase mimes;
    const QMimeType byContent = mimes.mimeTypeForData(head);
    const QMimeType byName = mimes.mimeTypeForFile(fileName, QMimeDatabase::MatchExtension);
    const QString shown
        = tr("Accepted: %1.").arg(extensionsOf(acceptedCategories).join(QLatin1String(", ")));
    if (isActiveContent(byContent) || isActiveContent(byName)) {
        return refuse(tr("Web pages, scripts and SVG files cannot be uploaded. %1").arg(shown));
    }
    for (const Category &category : table()) {
        if (!acceptedCategories.contains(QLatin1String(category.key))) {
            continue;
        }
        // Office formats are ZIP or OLE containers: their bytes say "zip", their name says
        // which document. Agreement means one type inherits the other.
        const bool nameFits
            = isA(byName, category.mediaTypes)
              && (byName.inherits(byContent.name()) || byContent.inherits(byName.name()));
        if (nameFits) {
            return Inspection{byName.name(), QLatin1String(category.key)};
        }
    }
    for (const Category &category : table()) {
        if (isA(byContent, category.mediaTypes) || isA(byName, category.mediaTypes)) {
            if (!isA(byName, category.mediaTypes) || !isA(byContent, category.mediaTypes)) {
                return refuse(tr("The contents of \"%1\" do not match its name.").arg(fileName));
            }
        }
    }
    return refuse(tr("\"%1\" is not a file type this task accepts. %2").arg(fileName, shown));
}

} // namespace Gatehouse::FileTypes
