#pragma once

#include "core/ConsoleContext.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace Gatehouse {

class ErrorLabel;

// A checklist task as staff see it: every item with who ticked it and when, and the progress.
// Staff tick and untick items here too; each change is saved at once.
class ChecklistDialog : public QDialog
{
    Q_OBJECT
public:
    ChecklistDialog(const ConsoleContext &context, qint64 taskId, QWidget *parent = nullptr);

    QTreeWidget *tree() const { return m_tree; }
    QLabel *progressLabel() const { return m_progress; }
    QPushButton *editButton() const { return m_edit; }
    ErrorLabel *errorLabel() const { return m_error; }

    // Ticks or unticks the item in this row as the signed-in staff member.
    bool setTicked(int row, bool ticked);
    void reload();

Q_SIGNALS:
    void changed();

private:
    void editItems();

    ConsoleContext m_context;
    qint64 m_taskId;
    bool m_loading = false;
    QLabel *m_progress;
    QTreeWidget *m_tree;
    QPushButton *m_edit;
    ErrorLabel *m_error;
};

} // namespace Gatehouse
