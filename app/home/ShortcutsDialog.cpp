#include "ShortcutsDialog.h"

#include <QAbstractButton>
#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QShortcut>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace Gatehouse {

namespace {

enum Column { AreaColumn, ActionColumn, KeysColumn, ColumnCount };

// A menu or button text as read: no mnemonic markers, no trailing ellipsis.
QString plainText(const QString &text)
{
    QString plain = text;
    plain.replace(QLatin1String("&&"), QStringLiteral("\x01"));
    plain.remove(QLatin1Char('&'));
    plain.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    if (plain.endsWith(QChar(0x2026))) {
        plain.chop(1);
    }
    return plain.trimmed();
}

void collectMenu(const QMenu *menu, const QString &area, QList<ShortcutEntry> *entries)
{
    const QList<QAction *> actions = menu->actions();
    for (const QAction *action : actions) {
        if (action->menu()) {
            collectMenu(action->menu(), area, entries);
            continue;
        }
        const QList<QKeySequence> keys = action->shortcuts();
        for (const QKeySequence &key : keys) {
            entries->append({area, plainText(action->text()), key});
        }
    }
}

// The page of `pages` that holds `object`, or -1.
int pageOf(const QObject *object, const QStackedWidget *pages)
{
    for (; object; object = object->parent()) {
        if (object->parent() == pages) {
            return pages->indexOf(qobject_cast<const QWidget *>(object));
        }
    }
    return -1;
}

} // namespace

ShortcutsDialog::ShortcutsDialog(const QList<ShortcutEntry> &entries, QWidget *parent)
    : QDialog(parent)
    , m_table(new QTableWidget(int(entries.size()), ColumnCount, this))
{
    setWindowTitle(tr("Keyboard shortcuts"));
    setObjectName(QStringLiteral("shortcutsDialog"));
    m_table->setObjectName(QStringLiteral("shortcutsTable"));
    m_table->setAccessibleName(tr("Keyboard shortcuts"));
    m_table->setTabKeyNavigation(false);
    m_table->setHorizontalHeaderLabels({tr("Where"), tr("What"), tr("Keys")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setShowGrid(false);
    for (int row = 0; row < entries.size(); ++row) {
        const ShortcutEntry &entry = entries.at(row);
        m_table->setItem(row, AreaColumn, new QTableWidgetItem(entry.area));
        m_table->setItem(row, ActionColumn, new QTableWidgetItem(entry.action));
        m_table->setItem(row, KeysColumn,
                         new QTableWidgetItem(entry.keys.toString(QKeySequence::NativeText)));
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setStretchLastSection(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(560, 520);
}

QList<ShortcutEntry> ShortcutsDialog::collect(const QMainWindow *window,
                                              const QStackedWidget *pages,
                                              const QStringList &pageNames)
{
    QList<ShortcutEntry> entries;
    const QList<QAction *> menus = window->menuBar()->actions();
    for (const QAction *menu : menus) {
        if (menu->menu()) {
            collectMenu(menu->menu(), plainText(menu->text()), &entries);
        }
    }
    const auto areaOf = [&](const QObject *object) {
        const int page = pageOf(object, pages);
        return page >= 0 && page < pageNames.size() ? pageNames.at(page) : tr("Window");
    };
    const QList<QShortcut *> shortcuts = window->findChildren<QShortcut *>();
    for (const QShortcut *shortcut : shortcuts) {
        const QString what
            = shortcut->whatsThis().isEmpty() ? tr("(not described)") : shortcut->whatsThis();
        const QList<QKeySequence> keys = shortcut->keys();
        for (const QKeySequence &key : keys) {
            entries.append({areaOf(shortcut), what, key});
        }
    }
    const QList<QAbstractButton *> buttons = pages->findChildren<QAbstractButton *>();
    for (const QAbstractButton *button : buttons) {
        const QKeySequence key = QKeySequence::mnemonic(button->text());
        if (!key.isEmpty()) {
            entries.append({areaOf(button), plainText(button->text()), key});
        }
    }
    // Each key once per area (a view may hold several panels with the same button).
    QList<ShortcutEntry> unique;
    for (const ShortcutEntry &entry : std::as_const(entries)) {
        const bool seen = std::any_of(unique.cbegin(), unique.cend(), [&](const ShortcutEntry &e) {
            return e.area == entry.area && e.keys == entry.keys;
        });
        if (!seen) {
            unique.append(entry);
        }
    }
    return unique;
}

QString ShortcutsDialog::actionFor(const QString &area, const QKeySequence &keys) const
{
    const QString keyText = keys.toString(QKeySequence::NativeText);
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->item(row, AreaColumn)->text() == area
            && m_table->item(row, KeysColumn)->text() == keyText) {
            return m_table->item(row, ActionColumn)->text();
        }
    }
    return QString();
}

} // namespace Gatehouse
