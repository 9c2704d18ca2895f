#pragma once

#include "core/ConsoleContext.h"
#include "forms/ChecklistDefinition.h"

#include <QDialog>

class QListWidget;
class QPushButton;

namespace Gatehouse {

class ErrorLabel;

// Staff write a checklist task's items: add, edit in place, remove and reorder. An item keeps
// its id when its text changes, so ticks already given stay with it. For a template's task the
// dialog works on the task's config: saving checks the items and leaves them in config().
class ChecklistEditorDialog : public QDialog
{
    Q_OBJECT
public:
    ChecklistEditorDialog(const ConsoleContext &context, qint64 taskId, const QString &taskTitle,
                          const ChecklistDefinition &definition, QWidget *parent = nullptr);
    ChecklistEditorDialog(const QString &taskTitle, const QJsonObject &config,
                          QWidget *parent = nullptr);

    ChecklistDefinition definition() const;
    // The config with the items saved last (its other keys as they were).
    QJsonObject config() const { return m_config; }

    QListWidget *itemList() const { return m_list; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }
    QPushButton *upButton() const { return m_up; }
    QPushButton *downButton() const { return m_down; }
    ErrorLabel *errorLabel() const { return m_error; }

    // Adds an item with this text at the end (what "Add item" does, then typing).
    void addItem(const QString &text);
    // Saves through ChecklistService, or into config(); false (with the reason shown) when
    // refused.
    bool save();

private:
    void move(int delta);
    void updateButtons();

    ConsoleContext m_context;
    qint64 m_taskId; // 0: a template's task
    QJsonObject m_config;
    QListWidget *m_list;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_up;
    QPushButton *m_down;
    ErrorLabel *m_error;
};

} // namespace Gatehouse
