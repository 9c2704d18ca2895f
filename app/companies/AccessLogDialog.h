#pragma once

#include "core/ConsoleContext.h"

#include <QDialog>

class QDialogButtonBox;
class QTableView;

namespace Gatehouse {

class AccessLogModel;
class EmptyState;
class ErrorLabel;

// A contact's portal accesses (ACC-11, CON-4): every sign-in and, while a session is in use, one
// entry a minute, with time, IP address and user agent. Newest first.
class AccessLogDialog : public QDialog
{
    Q_OBJECT
public:
    static constexpr int kMaxRows = 500;

    AccessLogDialog(const ConsoleContext &context, const Contact &contact,
                    QWidget *parent = nullptr);

    // Reads the log again.
    void reload();

    AccessLogModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    EmptyState *emptyState() const { return m_empty; }
    QString errorText() const;
    QDialogButtonBox *buttons() const { return m_buttons; }

private:
    ConsoleContext m_context;
    Contact m_contact;
    AccessLogModel *m_model;
    QTableView *m_table;
    EmptyState *m_empty;
    ErrorLabel *m_error;
    QDialogButtonBox *m_buttons;
};

} // namespace Gatehouse
