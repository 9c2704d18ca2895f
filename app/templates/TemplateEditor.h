#pragma once

#include "core/ConsoleContext.h"
#include "domain/Template.h"

#include <QWidget>

class QLineEdit;
class QModelIndex;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTreeView;

namespace Gatehouse {

class ErrorLabel;
class TaskDetailsPanel;
class TemplateTreeModel;

// One template being edited (CON-3): its name and description, its phases and tasks as a tree
// (Ins adds a task, Del removes the selected row, Alt+Up/Alt+Down move it) and the selected
// task's details. Nothing is stored until Save, which sends the whole template to the
// TemplateService; a refusal is shown and the phase or task it concerns is selected.
class TemplateEditor : public QWidget
{
    Q_OBJECT
public:
    explicit TemplateEditor(const ConsoleContext &context, QWidget *parent = nullptr);

    // Reads the template from the database; false (with the reason shown) if it cannot.
    bool load(qint64 templateId);
    void clear();
    qint64 templateId() const { return m_stored.id; }
    // What the editor holds now, saved or not.
    OnboardingTemplate currentTemplate() const;
    bool isDirty() const { return m_dirty; }

    // Saves through TemplateService; false (with the reason shown) when refused.
    bool save();
    // Back to what is stored.
    void discard();

    // What the buttons and keys do; each returns the row it added or moved to.
    QModelIndex addPhase();
    QModelIndex addTask();
    void removeCurrent();
    QModelIndex moveCurrent(int delta);
    void selectRow(const QModelIndex &index);

    QLineEdit *nameEdit() const { return m_name; }
    QPlainTextEdit *descriptionEdit() const { return m_description; }
    QTreeView *tree() const { return m_tree; }
    TemplateTreeModel *model() const { return m_model; }
    TaskDetailsPanel *taskPanel() const { return m_taskPanel; }
    QLineEdit *phaseNameEdit() const { return m_phaseName; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *discardButton() const { return m_discard; }
    QString errorText() const;

Q_SIGNALS:
    void dirtyChanged(bool dirty);
    void saved(qint64 templateId);

private:
    void createShortcuts();
    void showCurrent();
    void updateDirty();
    void updateButtons();

    ConsoleContext m_context;
    OnboardingTemplate m_stored;
    bool m_dirty = false;
    bool m_loading = false;
    QLineEdit *m_name;
    QPlainTextEdit *m_description;
    TemplateTreeModel *m_model;
    QTreeView *m_tree;
    QPushButton *m_addPhase;
    QPushButton *m_addTask;
    QPushButton *m_remove;
    QPushButton *m_up;
    QPushButton *m_down;
    QStackedWidget *m_details;
    QLineEdit *m_phaseName;
    TaskDetailsPanel *m_taskPanel;
    ErrorLabel *m_error;
    QPushButton *m_save;
    QPushButton *m_discard;
};

} // namespace Gatehouse
