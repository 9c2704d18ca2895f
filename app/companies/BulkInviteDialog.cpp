#include "BulkInviteDialog.h"

#include "mail/OutboxRepository.h"
#include "services/InviteService.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace Gatehouse {

BulkInviteDialog::BulkInviteDialog(const ConsoleContext &context, const QString &companyName,
                                   QList<qint64> contactIds, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_companyName(companyName)
    , m_contactIds(std::move(contactIds))
    , m_status(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
    , m_sentTimer(new QTimer(this))
{
    setWindowTitle(tr("Invite everyone at %1").arg(companyName));
    setObjectName(QStringLiteral("bulkInviteDialog"));
    m_status->setObjectName(QStringLiteral("bulkInviteStatus"));
    m_status->setWordWrap(true);
    m_progress->setObjectName(QStringLiteral("bulkInviteProgress"));
    m_progress->setRange(0, qMax(1, total()));
    m_progress->setValue(0);
    m_progress->setFormat(tr("%v of %m"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);
    setMinimumWidth(420);

    connect(m_buttons, &QDialogButtonBox::rejected, this, [this] {
        if (m_queuing) {
            cancel();
        } else {
            reject();
        }
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    m_sentTimer->setInterval(500);
    connect(m_sentTimer, &QTimer::timeout, this, &BulkInviteDialog::refreshSent);
    m_status->setText(tr("Queuing %n invitation(s)…", nullptr, total()));
}

void BulkInviteDialog::start()
{
    if (m_queuing || m_next > 0) {
        return;
    }
    m_queuing = true;
    QTimer::singleShot(0, this, &BulkInviteDialog::queueNextBatch);
}

void BulkInviteDialog::cancel()
{
    m_cancelled = true;
}

void BulkInviteDialog::queueNextBatch()
{
    if (m_cancelled || m_next >= m_contactIds.size()) {
        finishQueuing(QString());
        return;
    }
    const QList<qint64> batch = m_contactIds.mid(m_next, InviteService::kBatchSize);
    ServiceError error;
    const std::optional<int> invited
        = InviteService(*m_context.db, *m_context.clock, m_context.publicUrl)
              .inviteBatch(batch, m_context.actor(), &error, &m_outboxIds);
    if (!invited) {
        finishQueuing(error.message);
        return;
    }
    m_next += batch.size();
    m_queued += *invited;
    m_progress->setValue(int(m_next));
    m_status->setText(tr("Queued %1 of %2 invitations…").arg(m_queued).arg(total()));
    Q_EMIT batchQueued(*invited);
    // One batch per event-loop turn: the console repaints and takes input in between.
    QTimer::singleShot(0, this, &BulkInviteDialog::queueNextBatch);
}

void BulkInviteDialog::finishQueuing(const QString &error)
{
    m_queuing = false;
    m_buttons->setStandardButtons(QDialogButtonBox::Close);
    // Close is a reject role; it closes the dialog.
    if (!error.isEmpty()) {
        m_status->setText(tr("Queued %1 of %2 invitations, then stopped: %3")
                              .arg(m_queued)
                              .arg(total())
                              .arg(error));
    }
    m_progress->setRange(0, qMax(1, m_queued));
    m_progress->setValue(0);
    refreshSent();
    if (m_queued > 0) {
        m_sentTimer->start();
    }
    Q_EMIT queuingFinished(m_queued);
}

void BulkInviteDialog::refreshSent()
{
    QString error;
    const int sent = OutboxRepository(*m_context.db).sentCount(m_outboxIds, &error);
    if (sent < 0) {
        return; // read again on the next tick
    }
    m_sent = sent;
    m_progress->setValue(sent);
    const QString queued = m_cancelled && m_next < m_contactIds.size()
                               ? tr("Stopped after queuing %n invitation(s).", nullptr, m_queued)
                               : tr("Queued %n invitation(s).", nullptr, m_queued);
    m_status->setText(queued + QLatin1Char(' ') + tr("%1 of %2 sent.").arg(sent).arg(m_queued));
    if (sent >= m_queued) {
        m_sentTimer->stop();
    }
}

} // namespace Gatehouse
