#pragma once

#include <QString>

class QWidget;

namespace Gatehouse {

// Remembers, in QSettings under `group`, how staff arranged a window: the sizes of its
// splitters and the order and widths of its tables' columns. Each is keyed by the class of
// the page holding it and its place among its kind there, so no widget needs a name.
namespace LayoutState {

void save(const QWidget *root, const QString &group);
void restore(QWidget *root, const QString &group);

} // namespace LayoutState

} // namespace Gatehouse
