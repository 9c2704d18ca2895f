#pragma once

#include "core/ConsoleContext.h"

#include <QWidget>

class QListView;
class QPushButton;

namespace Gatehouse {

class TemplateEditor;
class TemplateListModel;

// The Templates page (CON-3): the workspace's templates on the left (New, Duplicate, Delete)
// and the selected one in a TemplateEditor. Unsaved changes are never dropped silently: moving
// to another template, another page or closing the window asks Save / Discard / Cancel.
class TemplatesView : public QWidget
{
    Q_OBJECT
public:
    explicit TemplatesView(const ConsoleContext &context, QWidget *parent = nullptr);

    // Re-reads the list, keeping the selection; the template being edited is left alone.
    void refresh();
    // Whether it is fine to leave the template being edited: true when nothing is unsaved, or
    // once it is saved or discarded as staff choose; false when they cancel or saving fails.
    bool maybeLeave();

    qint64 currentTemplateId() const;
    // Selects a template and opens it in the editor (asking about unsaved changes first).
    bool selectTemplate(qint64 id);
    // Each returns the new template's id, or 0.
    qint64 newTemplate();
    qint64 duplicateCurrent();
    bool deleteCurrent();

    QListView *list() const { return m_list; }
    TemplateListModel *model() const { return m_model; }
    TemplateEditor *editor() const { return m_editor; }
    QPushButton *newButton() const { return m_new; }
    QPushButton *duplicateButton() const { return m_duplicate; }
    QPushButton *deleteButton() const { return m_delete; }

Q_SIGNALS:
    // A template was created, saved, renamed or deleted.
    void templatesChanged();

private:
    void onCurrentChanged();
    void updateButtons();
    void setCurrentRow(qint64 id);

    ConsoleContext m_context;
    TemplateListModel *m_model;
    QListView *m_list;
    TemplateEditor *m_editor;
    QPushButton *m_new;
    QPushButton *m_duplicate;
    QPushButton *m_delete;
    bool m_reverting = false;
};

} // namespace Gatehouse
