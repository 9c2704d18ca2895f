#include "BrandingRules.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QImage>
#include <QPainter>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QXmlStreamReader>

#include <cmath>

namespace Gatehouse::BrandingRules {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::BrandingRules", text);
}

const QColor kInk(23, 28, 36); // the portal's text colour

double luminance(const QColor &color)
{
    const auto linear = [](double channel) {
        return channel <= 0.03928 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * linear(color.redF()) + 0.7152 * linear(color.greenF())
           + 0.0722 * linear(color.blueF());
}

// An SVG with nothing that reaches outside itself: no DTD (entities), no processing
// instructions, links only to its own ids.
bool selfContainedSvg(const QByteArray &bytes, QString *why)
{
    QXmlStreamReader xml(bytes);
    bool sawSvg = false;
    while (!xml.atEnd()) {
        switch (xml.readNext()) {
        case QXmlStreamReader::DTD:
        case QXmlStreamReader::EntityReference:
        case QXmlStreamReader::ProcessingInstruction:
            *why = tr("The SVG declares entities or instructions; export it again as plain SVG.");
            return false;
        case QXmlStreamReader::StartElement: {
            sawSvg = sawSvg || xml.name() == QLatin1String("svg");
            const QString element = xml.name().toString().toLower();
            if (element == QLatin1String("script") || element == QLatin1String("foreignobject")
                || element == QLatin1String("image") || element == QLatin1String("use")) {
                *why = tr("The SVG contains <%1>; logos may only hold shapes and text.")
                           .arg(element);
                return false;
            }
            for (const QXmlStreamAttribute &attribute : xml.attributes()) {
                const QString name = attribute.name().toString().toLower();
                const QString value = attribute.value().toString().trimmed();
                const bool outsideLink
                    = name == QLatin1String("href") && !value.startsWith(QLatin1Char('#'));
                const bool outsideUrl
                    = value.contains(QLatin1String("url("), Qt::CaseInsensitive)
                      && !value.contains(QLatin1String("url(#"), Qt::CaseInsensitive);
                if (name.startsWith(QLatin1String("on")) || outsideLink || outsideUrl) {
                    *why = tr("The SVG refers to something outside itself; logos must be "
                              "self-contained.");
                    return false;
                }
            }
            break;
        }
        default:
            break;
        }
    }
    if (xml.hasError() || !sawSvg) {
        *why = tr("The file is not a readable SVG image.");
        return false;
    }
    return true;
}

QByteArray png(const QImage &image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

} // namespace

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor buttonTextColor(const QColor &accent)
{
    return contrast(accent, Qt::white) >= contrast(accent, kInk) ? QColor(Qt::white) : kInk;
}

double buttonTextContrast(const QColor &accent)
{
    return contrast(accent, buttonTextColor(accent));
}

std::optional<QString> checkedAccent(const QString &text, QString *error)
{
    const QString value = text.trimmed().toLower();
    static const QRegularExpression hex(QStringLiteral("^#[0-9a-f]{6}$"));
    if (!hex.match(value).hasMatch()) {
        if (error) {
            *error = tr("Enter the accent colour as #RRGGBB, for example #1f6f5c.");
        }
        return std::nullopt;
    }
    const double ratio = buttonTextContrast(QColor(value));
    if (ratio < kMinimumContrast) {
        if (error) {
            *error = tr("Text on %1 buttons would be hard to read (contrast %2:1, at least "
                        "4.5:1 is needed). Choose a darker or a lighter colour.")
                         .arg(value)
                         .arg(ratio, 0, 'f', 2);
        }
        return std::nullopt;
    }
    return value;
}

std::optional<QByteArray> sanitisedLogo(const QByteArray &bytes, QString *error)
{
    const auto refuse = [error](const QString &message) -> std::optional<QByteArray> {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    };
    if (bytes.isEmpty()) {
        return refuse(tr("The logo file is empty."));
    }
    if (bytes.size() > kMaxLogoBytes) {
        return refuse(tr("The logo may be at most 1 MB."));
    }
    QImage image;
    if (bytes.startsWith("\x89PNG") || bytes.startsWith("\xff\xd8\xff")) {
        if (!image.loadFromData(bytes) || image.isNull()) {
            return refuse(tr("The logo image cannot be read."));
        }
        if (image.width() > 4096 || image.height() > 4096) {
            return refuse(tr("The logo may be at most 4096 pixels a side."));
        }
    } else {
        QString why;
        if (!selfContainedSvg(bytes, &why)) {
            return refuse(why);
        }
        QSvgRenderer renderer(bytes);
        if (!renderer.isValid() || renderer.defaultSize().isEmpty()) {
            return refuse(tr("The logo must be a PNG, JPEG or SVG image."));
        }
        image = QImage(renderer.defaultSize().scaled(kLogoBox, kLogoBox, Qt::KeepAspectRatio),
                       QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        renderer.render(&painter);
    }
    if (image.width() > kLogoBox || image.height() > kLogoBox) {
        image = image.scaled(kLogoBox, kLogoBox, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    }
    return png(image);
}

} // namespace Gatehouse::BrandingRules
