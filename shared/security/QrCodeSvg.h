#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace Gatehouse::QrCodeSvg {

// A QR code (libqrencode, error correction M) of the text as a standalone SVG image: black
// modules on white with the 4-module quiet zone scanners expect. nullopt when the text does
// not fit in a QR code.
std::optional<QByteArray> render(const QString &text);

} // namespace Gatehouse::QrCodeSvg
