#include "LayoutState.h"

#include <QHash>
#include <QHeaderView>
#include <QSettings>
#include <QSplitter>
#include <QTableView>

namespace Gatehouse::LayoutState {

namespace {

// The nearest ancestor that is one of the console's own classes (a view or panel), not a
// plain Qt container.
QString ownerName(const QWidget *widget)
{
    for (const QWidget *parent = widget->parentWidget(); parent; parent = parent->parentWidget()) {
        const QString name = QString::fromLatin1(parent->metaObject()->className());
        if (name.startsWith(QLatin1String("Gatehouse::"))) {
            return name.mid(11);
        }
    }
    return QStringLiteral("window");
}

// Calls `f(key, widget)` for every widget of type T under root, keyed "Owner/kind/N".
template<typename T, typename F>
void forEachKeyed(QWidget *root, const QString &kind, F f)
{
    QHash<QString, int> seen;
    const QList<T *> widgets = root->findChildren<T *>();
    for (T *widget : widgets) {
        const QString owner = ownerName(widget);
        const int n = seen[owner]++;
        f(owner + QLatin1Char('/') + kind + QLatin1Char('/') + QString::number(n), widget);
    }
}

} // namespace

void save(const QWidget *root, const QString &group)
{
    QSettings settings;
    settings.beginGroup(group);
    auto *mutableRoot = const_cast<QWidget *>(root);
    forEachKeyed<QSplitter>(mutableRoot, QStringLiteral("splitter"),
                            [&](const QString &key, QSplitter *splitter) {
                                settings.setValue(key, splitter->saveState());
                            });
    forEachKeyed<QTableView>(
        mutableRoot, QStringLiteral("columns"), [&](const QString &key, QTableView *table) {
            settings.setValue(key, table->horizontalHeader()->saveState());
            settings.setValue(key + QLatin1String("-count"), table->horizontalHeader()->count());
        });
}

void restore(QWidget *root, const QString &group)
{
    QSettings settings;
    settings.beginGroup(group);
    forEachKeyed<QSplitter>(root, QStringLiteral("splitter"),
                            [&](const QString &key, QSplitter *splitter) {
                                const QByteArray state = settings.value(key).toByteArray();
                                if (!state.isEmpty()) {
                                    splitter->restoreState(state);
                                }
                            });
    forEachKeyed<QTableView>(
        root, QStringLiteral("columns"), [&](const QString &key, QTableView *table) {
            const QByteArray state = settings.value(key).toByteArray();
            // A table whose columns changed since keeps its defaults.
            const int count = settings.value(key + QLatin1String("-count")).toInt();
            if (!state.isEmpty() && count > 0 && count == table->horizontalHeader()->count()) {
                table->horizontalHeader()->restoreState(state);
            }
        });
}

} // namespace Gatehouse::LayoutState
