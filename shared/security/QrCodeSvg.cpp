#include "QrCodeSvg.h"

#include <qrencode.h>

#include <memory>

namespace Gatehouse::QrCodeSvg {

std::optional<QByteArray> render(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString8bit(utf8.constData(), 0, QR_ECLEVEL_M), &QRcode_free);
    if (!code || code->width <= 0) {
        return std::nullopt;
    }
    constexpr int kQuietZone = 4;
    const int width = code->width;
    const int size = width + 2 * kQuietZone;
    // One path of unit squares; shape-rendering keeps the edges sharp at any scale.
    QByteArray path;
    for (int y = 0; y < width; ++y) {
        for (int x = 0; x < width; ++x) {
            // Bit 0 of each byte is the module's colour (1: dark).
            if (code->data[y * width + x] & 1) {
                path += 'M' + QByteArray::number(x + kQuietZone) + ' '
                        + QByteArray::number(y + kQuietZone) + "h1v1h-1z";
            }
        }
    }
    const QByteArray side = QByteArray::number(size);
    return QByteArrayLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ") + side
           + ' ' + side + "\" shape-rendering=\"crispEdges\"><rect width=\"" + side + "\" height=\""
           + side + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
}

} // namespace Gatehouse::QrCodeSvg
