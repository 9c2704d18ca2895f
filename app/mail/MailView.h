#pragma once

#include "core/ConsoleContext.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace Gatehouse {

class EmptyState;
class ErrorLabel;
class OutboxModel;

// The outbox (OPS-3): what Gatehouse has queued and sent, and where mail lands without SMTP.
class MailView : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kRecentLimit = 200;

    explicit MailView(const ConsoleContext &context, QWidget *parent = nullptr);

    // Reads the outbox again, keeping the selected message.
    void refresh();
    bool selectMessage(qint64 messageId);
    // Where mail goes now: through this SMTP server, or (empty) to the local mailbox.
    void setDeliveryRoute(const QString &smtpUrl);

    OutboxModel *model() const { return m_model; }
    QTableView *tableView() const { return m_table; }
    QPlainTextEdit *bodyView() const { return m_body; }
    QLabel *deliveryLabel() const { return m_delivery; }

private:
    void showCurrentMessage();
    void openMailbox();

    ConsoleContext m_context;
    OutboxModel *m_model;
    QLabel *m_delivery;
    QPushButton *m_openMailbox;
    QTableView *m_table;
    EmptyState *m_empty;
    QPlainTextEdit *m_body;
    ErrorLabel *m_error;
};

} // namespace Gatehouse
