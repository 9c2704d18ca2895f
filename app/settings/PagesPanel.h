#pragma once

#include "core/ConsoleContext.h"
#include "domain/PortalPage.h"
#include "services/PageService.h"

#include <QList>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace Gatehouse {

class ErrorLabel;
class PagePreview;

// The portal's pages (ONB-7): the list in the order clients see them, and an editor with the
// Markdown beside a live preview. Edits stay until saved (Ctrl+S); leaving a page with unsaved
// edits asks first, and a refused save keeps them.
class PagesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit PagesPanel(const ConsoleContext &context, QWidget *parent = nullptr);

    // Re-reads the list; the page being edited, and its unsaved edits, stay.
    void refresh();
    // Each returns whether it happened (a refusal or "Cancel" leaves everything as it was).
    bool newPage();
    bool openPage(qint64 id);
    bool save();
    bool deleteCurrent();
    bool moveCurrent(PageService::Move direction);

    qint64 currentPageId() const { return m_editingId; }
    bool hasUnsavedEdits() const { return m_dirty; }
    // Renders the preview now instead of after the pause in typing.
    void updatePreview();

    QTreeWidget *pageList() const { return m_list; }
    QLineEdit *titleEdit() const { return m_title; }
    QCheckBox *visibleBox() const { return m_visible; }
    QPlainTextEdit *markdownEdit() const { return m_markdown; }
    PagePreview *preview() const { return m_preview; }
    ErrorLabel *errorLabel() const { return m_error; }
    QPushButton *newButton() const { return m_new; }
    QPushButton *deleteButton() const { return m_delete; }
    QPushButton *upButton() const { return m_up; }
    QPushButton *downButton() const { return m_down; }
    QPushButton *saveButton() const { return m_save; }

Q_SIGNALS:
    void saved();

protected:
    void showEvent(QShowEvent *event) override;

private:
    // True when there are no unsaved edits, or they were saved or discarded.
    bool confirmLeave();
    void onCurrentItemChanged(QTreeWidgetItem *current);
    void load(const PortalPage &page, bool editing);
    void selectInList(qint64 id);
    void markEdited();
    void updateActions();

    ConsoleContext m_context;
    QList<PortalPage> m_pages;
    bool m_editing = false; // the editor holds a page, stored (m_editingId) or new (0)
    qint64 m_editingId = 0;
    bool m_dirty = false;
    bool m_loading = false; // filling widgets, not a member of staff typing
    QTimer m_previewTimer;

    QTreeWidget *m_list;
    QPushButton *m_new;
    QPushButton *m_delete;
    QPushButton *m_up;
    QPushButton *m_down;
    QLineEdit *m_title;
    QCheckBox *m_visible;
    QPlainTextEdit *m_markdown;
    PagePreview *m_preview;
    ErrorLabel *m_error;
    QPushButton *m_save;
};

} // namespace Gatehouse
