#include "SignedPdf.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDateTime>
#include <QGuiApplication>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>
#include <QTimeZone>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::SignedPdf", text);
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

std::optional<QByteArray> SignedPdf::render(const SignatureEvidence &evidence,
                                            const QString &workspaceName, QString *error)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance())) {
        if (error) {
            *error = QStringLiteral("Writing a PDF needs a QGuiApplication.");
        }
        return std::nullopt;
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(20, 20, 20, 20), QPageLayout::Millimeter);
        writer.setResolution(300);
        writer.setTitle(tr("Signature certificate: %1").arg(evidence.taskTitle));
        writer.setCreator(QStringLiteral("Gatehouse"));
        QPainter painter;
        if (!painter.begin(&writer)) {
            if (error) {
                *error = QStringLiteral("The PDF writer could not start.");
            }
            return std::nullopt;
        }
        const QRect page = painter.viewport();
        const QDateTime signedAt
            = QDateTime::fromMSecsSinceEpoch(evidence.signedAtMs, QTimeZone::utc());
        const auto row = [](const QString &label, const QString &value) {
            return QStringLiteral("<tr><td style='color:#555;padding-right:12px'>%1</td>"
                                  "<td>%2</td></tr>")
                .arg(escaped(label), escaped(value));
        };
        QString html = QStringLiteral("<h1>%1</h1><p>%2</p>")
                           .arg(escaped(tr("Signature certificate")),
                                escaped(tr("%1 · %2").arg(workspaceName, evidence.taskTitle)));
        html += QStringLiteral("<h3>%1</h3><table>").arg(escaped(tr("What was signed")));
        html += row(tr("Document"), evidence.documentName);
        html += row(tr("Document SHA-256"), evidence.documentSha256);
        html += QStringLiteral("</table>");
        QTextDocument head;
        head.setDefaultFont(QFont(QStringLiteral("DejaVu Sans"), 10));
        head.setTextWidth(page.width());
        head.setHtml(html);
        painter.save();
        head.drawContents(&painter);
        painter.restore();
        int y = int(head.size().height()) + 40;

        QImage signature;
        signature.loadFromData(evidence.image, "PNG");
        if (!signature.isNull()) {
            const QSize box(page.width() * 2 / 3, page.height() / 6);
            const QSize scaled = signature.size().scaled(box, Qt::KeepAspectRatio);
            painter.drawImage(QRect(QPoint(0, y), scaled), signature);
            y += scaled.height() + 10;
            painter.drawLine(0, y, box.width(), y);
            y += 30;
        }

        QString facts = QStringLiteral("<h3>%1</h3><table>").arg(escaped(tr("Who, when, where")));
        facts += row(tr("Signed by"), evidence.signerName);
        facts += row(tr("Email"), evidence.signerEmail);
        facts += row(tr("How"), evidence.method == SignatureEvidence::Method::Typed
                                    ? tr("Typed name")
                                    : tr("Drawn signature"));
        facts += row(tr("Time (UTC)"), signedAt.toString(Qt::ISODateWithMs));
        facts += row(tr("IP address"), evidence.ip);
        facts += row(tr("Browser"), evidence.userAgent);
        facts += row(tr("Evidence SHA-256"), evidence.evidenceSha256);
        facts += QStringLiteral("</table><p style='color:#555'>%1</p>")
                     .arg(escaped(tr("The evidence hash covers the document's bytes, the signer's "
                                     "name, the signature image, the signer's email address and "
                                     "the time. Any change to one of them changes the hash.")));
        QTextDocument tail;
        tail.setDefaultFont(QFont(QStringLiteral("DejaVu Sans"), 10));
        tail.setTextWidth(page.width());
        tail.setHtml(facts);
        painter.translate(0, y);
        tail.drawContents(&painter);
        painter.end();
    }
    return bytes;
}

} // namespace Gatehouse
