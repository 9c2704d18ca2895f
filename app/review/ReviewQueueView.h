#pragma once

#include "core/ConsoleContext.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace Gatehouse {

class DocumentPreview;
class ErrorLabel;
class ReviewQueueModel;
struct ReviewItem;

// Everything clients did that waits for staff (CON-5): files to approve or reject (previewed
// here), approvals the client sent back, in-person trainings to mark done. Keyboard driven:
// Alt+Down / Alt+Up move to the next / previous item from anywhere on the page, Alt+A approves
// (or marks done, or reopens), Alt+R rejects with the reason typed in the note.
class ReviewQueueView : public QWidget
{
    Q_OBJECT
public:
    explicit ReviewQueueView(const ConsoleContext &context, QWidget *parent = nullptr);

    void refresh();

    ReviewQueueModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    DocumentPreview *preview() const { return m_preview; }
    QLineEdit *noteEdit() const { return m_note; }
    QPushButton *primaryButton() const { return m_primary; }
    QPushButton *rejectButton() const { return m_reject; }

    bool selectItem(qint64 queueId);
    void moveSelection(int step);
    // The main action for the selected item: approve a file, reopen an approval, mark a
    // training done.
    bool actOnSelected();
    bool rejectSelected();
    bool saveSelected();

Q_SIGNALS:
    // Something was decided here; other pages showing the task want to know.
    void changed();

private:
    const ReviewItem *selectedItem() const;
    void showSelected();
    // After an item is done, the one that took its place is selected.
    void afterAction(int row);

    ConsoleContext m_context;
    ReviewQueueModel *m_model;
    QTableView *m_view;
    QLabel *m_heading;
    DocumentPreview *m_preview;
    QLineEdit *m_note;
    QPushButton *m_primary;
    QPushButton *m_reject;
    QPushButton *m_save;
    ErrorLabel *m_error;
};

} // namespace Gatehouse
