#pragma once

#include "core/ConsoleContext.h"

#include <QDialog>
#include <QList>

class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QTimer;

namespace Gatehouse {

// Invites many contacts at once: queues the invitations a batch at a time on the event loop
// (so the console stays responsive), then shows how many of their mails have been sent.
class BulkInviteDialog : public QDialog
{
    Q_OBJECT
public:
    BulkInviteDialog(const ConsoleContext &context, const QString &companyName,
                     QList<qint64> contactIds, QWidget *parent = nullptr);

    // Starts queuing; the batches run from the event loop.
    void start();
    // Stops after the batch under way; what was queued stays queued.
    void cancel();

    bool isQueuing() const { return m_queuing; }
    int queued() const { return m_queued; }
    int total() const { return int(m_contactIds.size()); }
    // Of the queued invitations, how many mails went out (as last read).
    int sent() const { return m_sent; }
    // Reads the count of sent mails again (a timer does it every half second).
    void refreshSent();

    QProgressBar *progressBar() const { return m_progress; }
    QLabel *statusLabel() const { return m_status; }
    QDialogButtonBox *buttons() const { return m_buttons; }

Q_SIGNALS:
    // A batch of invitations and their mails was committed.
    void batchQueued(int count);
    void queuingFinished(int queued);

private:
    void queueNextBatch();
    void finishQueuing(const QString &error);

    ConsoleContext m_context;
    QString m_companyName;
    QList<qint64> m_contactIds;
    QList<qint64> m_outboxIds;
    qsizetype m_next = 0;
    int m_queued = 0;
    int m_sent = 0;
    bool m_queuing = false;
    bool m_cancelled = false;
    QLabel *m_status;
    QProgressBar *m_progress;
    QDialogButtonBox *m_buttons;
    QTimer *m_sentTimer;
};

} // namespace Gatehouse
