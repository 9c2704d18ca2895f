#include "SignatureEvidence.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QImage>
#include <QtEndian>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::SignatureEvidence", text);
}

void addField(QCryptographicHash &hash, const QByteArray &bytes)
{
    const quint64 length = qToBigEndian(quint64(bytes.size()));
    hash.addData(QByteArrayView(reinterpret_cast<const char *>(&length), sizeof length));
    hash.addData(bytes);
}

} // namespace

QString SignatureEvidence::hash(const QByteArray &document, const QString &signerName,
                                const QByteArray &image, const QString &signerEmail,
                                qint64 signedAtMs)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    addField(hash, "gatehouse-signature-v1");
    addField(hash, document);
    addField(hash, signerName.toUtf8());
    addField(hash, image);
    addField(hash, signerEmail.toUtf8());
    addField(hash, QByteArray::number(signedAtMs));
    return QString::fromLatin1(hash.result().toHex());
}

QString toKey(SignatureEvidence::Method method)
{
    return method == SignatureEvidence::Method::Typed ? QStringLiteral("typed")
                                                      : QStringLiteral("drawn");
}

std::optional<QByteArray> checkedSignatureImage(const QByteArray &png, QString *error)
{
    const auto refuse = [error](const QString &message) -> std::optional<QByteArray> {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    };
    if (png.size() > 512 * 1024) {
        return refuse(tr("The signature image is too large."));
    }
    if (!png.startsWith("\x89PNG\r\n\x1a\n")) {
        return refuse(tr("The signature must be a PNG image."));
    }
    QImage image;
    if (!image.loadFromData(png, "PNG")) {
        return refuse(tr("The signature image cannot be read."));
    }
    if (image.width() < 50 || image.height() < 20 || image.width() > 4000
        || image.height() > 2000) {
        return refuse(tr("The signature image has an unusual size."));
    }
    // Ink: enough pixels that are neither transparent nor near white.
    const QImage pixels = image.convertToFormat(QImage::Format_ARGB32);
    qint64 ink = 0;
    for (int y = 0; y < pixels.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(pixels.constScanLine(y));
        for (int x = 0; x < pixels.width(); ++x) {
            if (qAlpha(line[x]) > 64 && qGray(line[x]) < 200) {
                ++ink;
            }
        }
    }
    if (ink < 30) {
        return refuse(tr("The signature pad is empty. Please sign before you submit."));
    }
    return png;
}

} // namespace Gatehouse
