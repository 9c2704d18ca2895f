#pragma once

#include "core/ConsoleContext.h"

#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace Gatehouse {

class AuditModel;
struct AuditFilter;
class EmptyState;
class ErrorLabel;

// The activity and audit page (CON-9, TRU-2): the audit trail, newest first, filtered by text
// and action, exported as CSV, and verified link by link.
class ActivityView : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kShownEvents = 1000;
    static constexpr int kFilterDelayMs = 250;

    explicit ActivityView(const ConsoleContext &context, QWidget *parent = nullptr);

    // Reads the events again, keeping the selection.
    void refresh();
    // Walks the whole chain; says it is intact, or selects the first broken event.
    void verifyIntegrity();
    // Asks for a file and writes the events the filters show (all of them, not only those on
    // screen). False when cancelled or failed.
    bool exportCsv();
    bool selectEvent(qint64 id);
    qint64 currentEventId() const;

    AuditModel *model() const { return m_model; }
    QTableView *tableView() const { return m_table; }
    QLineEdit *filterEdit() const { return m_filter; }
    QComboBox *actionCombo() const { return m_action; }
    QPushButton *verifyButton() const { return m_verify; }
    QPushButton *exportButton() const { return m_export; }
    QLabel *noticeLabel() const { return m_notice; }
    ErrorLabel *errorLabel() const { return m_error; }
    QLabel *countLabel() const { return m_count; }
    EmptyState *emptyState() const { return m_empty; }

private:
    AuditFilter currentFilter() const;
    void filterChanged();
    void updateActions();
    void showNotice(const QString &text);
    void showProblem(const QString &text);

    ConsoleContext m_context;
    AuditModel *m_model;
    QLineEdit *m_filter;
    QComboBox *m_action;
    QPushButton *m_verify;
    QPushButton *m_export;
    QLabel *m_count;
    QLabel *m_notice;
    ErrorLabel *m_error;
    QTableView *m_table;
    EmptyState *m_empty;
    QTimer m_filterDelay;
    int m_limit = kShownEvents;
    bool m_readFailed = false; // the error label says the events could not be read
};

} // namespace Gatehouse
