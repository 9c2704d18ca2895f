#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace Gatehouse {

// What a signature is made of, and the hash that binds it together.
struct SignatureEvidence
{
    enum class Method { Drawn, Typed };

    qint64 id = 0;
    qint64 taskId = 0;
    QString taskTitle;
    QString signerName;
    QString signerEmail;
    Method method = Method::Drawn;
    QByteArray image; // PNG: drawn on the pad, or the typed name as rendered
    qint64 documentFileId = 0;
    QString documentName;
    QString documentSha256; // hex
    QString ip;
    QString userAgent;
    qint64 signedAtMs = 0;
    QString evidenceSha256; // hex, as recorded at signing
    qint64 signedPdfFileId = 0;

    // SHA-256 (hex) over the document's bytes, the name, the image, the signer's email and the
    // time, each length-prefixed so no field can run into the next.
    static QString hash(const QByteArray &document, const QString &signerName,
                        const QByteArray &image, const QString &signerEmail, qint64 signedAtMs);
};

QString toKey(SignatureEvidence::Method method);

// A signature image as the portal receives it: a PNG that decodes, of sensible size, with
// ink on it. nullopt (and a sentence in *error) otherwise.
std::optional<QByteArray> checkedSignatureImage(const QByteArray &png, QString *error);

} // namespace Gatehouse
