#pragma once

#include <QByteArray>
#include <QColor>
#include <QString>

#include <optional>

namespace Gatehouse {

// What makes branding acceptable (ONB-10): an accent that text on buttons can be read on
// (WCAG AA, 4.5:1, with white or near-black text, whichever reads better), and a logo made safe.
namespace BrandingRules {

constexpr double kMinimumContrast = 4.5;
constexpr qsizetype kMaxLogoBytes = 1024 * 1024;
constexpr int kLogoBox = 512; // the stored PNG fits in this square

// WCAG 2 contrast ratio of two colours, 1 to 21.
double contrast(const QColor &a, const QColor &b);
// The better of white and the portal's ink on the accent.
double buttonTextContrast(const QColor &accent);
QColor buttonTextColor(const QColor &accent);

// "#rrggbb", lower case, when the colour is valid and readable; a sentence in *error otherwise.
std::optional<QString> checkedAccent(const QString &text, QString *error);

// The logo as a PNG Gatehouse made: PNG and JPEG decoded and encoded again (nothing but
// pixels survives), SVG drawn by Qt SVG after refusing anything that could reach outside the
// file (a DTD, entities, links other than to its own parts). At most kLogoBox pixels a side.
std::optional<QByteArray> sanitisedLogo(const QByteArray &bytes, QString *error);

} // namespace BrandingRules

} // namespace Gatehouse
