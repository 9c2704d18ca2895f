#include "ActivityView.h"

#include "core/FileDialog.h"
#include "models/AuditModel.h"
#include "security/AuditLog.h"
#include "widgets/EmptyState.h"
#include "widgets/ErrorLabel.h"

#include <QApplication>
#include <QComboBox>
#include <QDate>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

#include <limits>

namespace Gatehouse {

ActivityView::ActivityView(const ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new AuditModel(this))
    , m_filter(new QLineEdit(this))
    , m_action(new QComboBox(this))
    , m_verify(new QPushButton(tr("Verify integrity"), this))
    , m_export(new QPushButton(tr("Export CSV…"), this))
    , m_count(new QLabel(this))
    , m_notice(new QLabel(this))
    , m_error(new ErrorLabel(this))
    , m_table(new QTableView(this))
{
    m_filter->setObjectName(QStringLiteral("auditFilter"));
    m_filter->setAccessibleName(tr("Filter the audit log"));
    m_filter->setPlaceholderText(tr("Filter by who, subject, detail or IP address"));
    m_filter->setClearButtonEnabled(true);
    m_action->setObjectName(QStringLiteral("auditAction"));
    m_action->setAccessibleName(tr("Action"));
    m_action->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_action->addItem(tr("All actions"), QString());
    m_verify->setObjectName(QStringLiteral("auditVerify"));
    m_verify->setToolTip(tr("Check that no event was changed, removed or reordered since it was "
                            "written"));
    m_export->setObjectName(QStringLiteral("auditExport"));
    m_export->setToolTip(tr("Save the events the filters show as a CSV file, with their hashes"));

    m_count->setObjectName(QStringLiteral("auditCount"));
    m_count->setForegroundRole(QPalette::PlaceholderText);
    m_notice->setObjectName(QStringLiteral("auditNotice"));
    m_notice->setWordWrap(true);
    m_notice->setTextFormat(Qt::PlainText);
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notice->setStyleSheet(QStringLiteral("QLabel { color: #1d5b2c; background: #e8f5ec; "
                                           "border: 1px solid #bfe0c9; border-radius: 4px; "
                                           "padding: 6px 8px; }"));
    m_notice->hide();

    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setAccessibleName(tr("Audit log"));
    m_table->setTabKeyNavigation(false);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 12);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(AuditModel::TimeColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(AuditModel::ActorColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(AuditModel::ActionColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(AuditModel::SubjectColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(AuditModel::DetailColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(AuditModel::IpColumn, QHeaderView::Interactive);
    m_table->setColumnWidth(AuditModel::ActorColumn, 220);
    m_table->setColumnWidth(AuditModel::ActionColumn, 200);
    m_table->setColumnWidth(AuditModel::SubjectColumn, 110);
    m_table->setColumnWidth(AuditModel::IpColumn, 120);
    m_empty = new EmptyState(m_table, QString(), this);

    auto *tools = new QHBoxLayout;
    tools->addWidget(m_filter, 1);
    tools->addWidget(m_action);
    tools->addWidget(m_verify);
    tools->addWidget(m_export);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 12);
    layout->addLayout(tools);
    layout->addWidget(m_notice);
    layout->addWidget(m_error);
    layout->addWidget(m_empty, 1);
    layout->addWidget(m_count);

    // Typing waits for a pause before it asks the database.
    m_filterDelay.setSingleShot(true);
    m_filterDelay.setInterval(kFilterDelayMs);
    connect(&m_filterDelay, &QTimer::timeout, this, &ActivityView::filterChanged);
    connect(m_filter, &QLineEdit::textChanged, this, [this] { m_filterDelay.start(); });
    connect(m_action, &QComboBox::currentIndexChanged, this, &ActivityView::filterChanged);
    connect(m_verify, &QPushButton::clicked, this, &ActivityView::verifyIntegrity);
    connect(m_export, &QPushButton::clicked, this, &ActivityView::exportCsv);

    refresh();
}

AuditFilter ActivityView::currentFilter() const
{
    AuditFilter filter;
    filter.workspaceId = m_context.workspace.id;
    filter.text = m_filter->text().trimmed();
    filter.action = m_action->currentData().toString();
    return filter;
}

void ActivityView::filterChanged()
{
    m_filterDelay.stop();
    m_limit = kShownEvents;
    refresh();
}

void ActivityView::refresh()
{
    updateActions();
    const AuditFilter filter = currentFilter();
    AuditLog audit(*m_context.db);
    QString error;
    const QList<AuditEvent> events = audit.list(filter, m_limit, 0, &error);
    const qint64 total = error.isEmpty() ? audit.count(filter, &error) : -1;
    if (!error.isEmpty()) {
        showProblem(tr("The audit trail could not be read: %1").arg(error));
        m_readFailed = true;
        return;
    }
    if (m_readFailed) {
        m_error->hide();
        m_readFailed = false;
    }
    const qint64 current = currentEventId();
    m_model->setRows(events);
    if (current != 0) {
        selectEvent(current);
    }
    const QLocale locale;
    if (total > events.size()) {
        m_count->setText(tr("Showing the newest %1 of %2 events")
                             .arg(locale.toString(events.size()), locale.toString(total)));
    } else {
        m_count->setText(total == 1 ? tr("1 event") : tr("%1 events").arg(locale.toString(total)));
    }
    if (!events.isEmpty()) {
        m_empty->setEmpty(false);
    } else if (filter.text.isEmpty() && filter.action.isEmpty()) {
        m_empty->setMessage(tr("Nothing recorded yet. Sign-ins, invitations and changes to "
                               "tasks appear here as they happen."));
        m_empty->setEmpty(true);
    } else {
        m_empty->setMessage(tr("No event matches these filters."));
        m_empty->setEmpty(true);
    }
}

void ActivityView::updateActions()
{
    QString error;
    const QStringList actions = AuditLog(*m_context.db).actions(m_context.workspace.id, &error);
    if (!error.isEmpty()) {
        return; // refresh() reports the database's trouble
    }
    QStringList shown;
    for (int i = 1; i < m_action->count(); ++i) {
        shown.append(m_action->itemData(i).toString());
    }
    if (shown == actions) {
        return;
    }
    const QString selected = m_action->currentData().toString();
    const QSignalBlocker blocker(m_action);
    while (m_action->count() > 1) {
        m_action->removeItem(1);
    }
    for (const QString &action : actions) {
        m_action->addItem(AuditModel::actionLabel(action), action);
    }
    m_action->setCurrentIndex(qMax(0, m_action->findData(selected)));
}

qint64 ActivityView::currentEventId() const
{
    const QModelIndex index = m_table->currentIndex();
    return index.isValid() ? index.data(AuditModel::IdRole).toLongLong() : 0;
}

bool ActivityView::selectEvent(qint64 id)
{
    const int row = m_model->rowOf(id);
    if (row < 0) {
        return false;
    }
    const QModelIndex index = m_model->index(row, 0);
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
    return true;
}

void ActivityView::verifyIntegrity()
{
    m_notice->hide();
    m_error->hide();
    QApplication::setOverrideCursor(Qt::WaitCursor);
    QString error;
    const AuditLog::VerifyResult result = AuditLog(*m_context.db).verify(&error);
    QApplication::restoreOverrideCursor();
    const QLocale locale;
    if (result.ok) {
        m_model->setBrokenId(0);
        showNotice(
            result.checked == 1
                ? tr("Chain intact: 1 event checked")
                : tr("Chain intact: %1 events checked").arg(locale.toString(result.checked)));
        return;
    }
    if (result.firstBrokenId == 0) {
        showProblem(tr("The audit trail could not be verified: %1").arg(error));
        return;
    }
    m_model->setBrokenId(result.firstBrokenId);
    if (m_model->rowOf(result.firstBrokenId) < 0) {
        // Hidden by the filters or too old to be listed: show everything down to it.
        m_filterDelay.stop();
        const QSignalBlocker filterBlocker(m_filter);
        const QSignalBlocker actionBlocker(m_action);
        m_filter->clear();
        m_action->setCurrentIndex(0);
        AuditFilter newer;
        newer.workspaceId = m_context.workspace.id;
        newer.minId = result.firstBrokenId;
        const qint64 needed = AuditLog(*m_context.db).count(newer, &error);
        m_limit
            = int(qBound(qint64(kShownEvents), needed, qint64(std::numeric_limits<int>::max())));
        refresh();
    }
    selectEvent(result.firstBrokenId);
    const int row = m_model->rowOf(result.firstBrokenId);
    const QString which
        = row < 0 ? tr("event %1").arg(result.firstBrokenId)
                  : tr("event %1 (%2, %3)")
                        .arg(QString::number(result.firstBrokenId),
                             m_model->index(row, AuditModel::TimeColumn).data().toString(),
                             m_model->index(row, AuditModel::ActionColumn).data().toString());
    const QString before
        = result.checked == 0 ? QString()
          : result.checked == 1
              ? tr("The event before it is intact.")
              : tr("The %1 events before it are intact.").arg(locale.toString(result.checked));
    showProblem(tr("The audit trail was tampered with: the chain breaks at %1. %2 %3")
                    .arg(which, result.reason, before)
                    .trimmed());
}

bool ActivityView::exportCsv()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = QDir(folder).filePath(
        QStringLiteral("gatehouse-audit-%1.csv").arg(QDate::currentDate().toString(Qt::ISODate)));
    const QString path = FileDialog::saveFileName(this, tr("Export the audit trail"), suggested,
                                                  tr("CSV files (*.csv)"));
    if (path.isEmpty()) {
        return false;
    }
    QSaveFile file(path);
    QString error;
    qint64 written = -1;
    if (file.open(QIODevice::WriteOnly)) {
        written = AuditLog(*m_context.db).exportCsv(&file, currentFilter(), &error);
        if (written >= 0 && !file.commit()) {
            error = file.errorString();
            written = -1;
        }
    } else {
        error = file.errorString();
    }
    if (written < 0) {
        showProblem(tr("The audit trail could not be exported to %1: %2")
                        .arg(QDir::toNativeSeparators(path), error));
        return false;
    }
    m_error->hide();
    const QString where = QDir::toNativeSeparators(path);
    showNotice(written == 1
                   ? tr("Exported 1 event to %1").arg(where)
                   : tr("Exported %1 events to %2").arg(QLocale().toString(written), where));
    return true;
}

void ActivityView::showNotice(const QString &text)
{
    m_notice->setText(text);
    m_notice->show();
}

void ActivityView::showProblem(const QString &text)
{
    m_notice->hide();
    m_readFailed = false;
    m_error->showMessage(text);
}

} // namespace Gatehouse
