#pragma once

#include <QMap>
#include <QString>

namespace Gatehouse {

// What is wrong with a form, one message per field (keyed by the field's config/JSON name), so
// that the console can show each next to its field and the portal can return them together.
using FieldErrors = QMap<QString, QString>;

} // namespace Gatehouse
