#pragma once

#include <QDialog>
#include <QKeySequence>
#include <QList>

class QMainWindow;
class QStackedWidget;
class QTableWidget;

namespace Gatehouse {

// One key the window answers to, and where.
struct ShortcutEntry
{
    QString area;   // the menu or page it works in
    QString action; // what it does
    QKeySequence keys;
};

// Help > Keyboard shortcuts: every shortcut of the window, read from its actions and
// shortcuts when the dialog opens so that the list is never out of date.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutsDialog(const QList<ShortcutEntry> &entries, QWidget *parent = nullptr);

    // The window's menu actions with keys, its QShortcuts (described by their whatsThis) and
    // the mnemonics of its pages' buttons; pageNames name the pages of `pages` in order.
    static QList<ShortcutEntry> collect(const QMainWindow *window, const QStackedWidget *pages,
                                        const QStringList &pageNames);

    QTableWidget *table() const { return m_table; }
    // The action listed for these keys in this area, or an empty string.
    QString actionFor(const QString &area, const QKeySequence &keys) const;

private:
    QTableWidget *m_table;
};

} // namespace Gatehouse
