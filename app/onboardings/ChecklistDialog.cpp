#include "ChecklistDialog.h"

#include "ChecklistEditorDialog.h"
#include "services/ChecklistService.h"
#include "widgets/ErrorLabel.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Gatehouse {

namespace {

constexpr int kIdRole = Qt::UserRole;

} // namespace

ChecklistDialog::ChecklistDialog(const ConsoleContext &context, qint64 taskId, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_taskId(taskId)
    , m_progress(new QLabel(this))
    , m_tree(new QTreeWidget(this))
    , m_edit(new QPushButton(tr("Edit items…"), this))
    , m_error(new ErrorLabel(this))
{
    m_tree->setObjectName(QStringLiteral("checklistTicks"));
    m_tree->setRootIsDecorated(false);
    m_tree->setColumnCount(3);
    m_tree->setHeaderLabels({tr("Item"), tr("Changed by"), tr("When")});
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_progress->setTextFormat(Qt::PlainText);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_edit, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_progress);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_edit, &QPushButton::clicked, this, &ChecklistDialog::editItems);
    connect(m_tree, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem *item, int column) {
        if (!m_loading && column == 0) {
            setTicked(m_tree->indexOfTopLevelItem(item), item->checkState(0) == Qt::Checked);
        }
    });
    reload();
    resize(620, 420);
}

void ChecklistDialog::reload()
{
    ServiceError error;
    const std::optional<ChecklistState> state
        = ChecklistService(*m_context.db, *m_context.clock).stateForStaff(m_taskId, &error);
    const QSignalBlocker blocker(m_tree);
    m_tree->clear();
    if (!state) {
        setWindowTitle(tr("Checklist"));
        m_progress->setText(error.message);
        return;
    }
    setWindowTitle(tr("Checklist: %1").arg(state->task.title));
    m_progress->setText(tr("%1 of %2 done · %3")
                            .arg(state->tickedCount())
                            .arg(state->items.size())
                            .arg(displayName(state->task.status)));
    m_loading = true;
    for (const ChecklistItemState &item : state->items) {
        const QString who
            = item.byName.isEmpty()
                  ? QString()
                  : (item.byKind == QLatin1String("staff") ? tr("%1 (staff)") : tr("%1 (client)"))
                        .arg(item.byName);
        const QString when = item.atMs == 0
                                 ? QString()
                                 : QLocale().toString(QDateTime::fromMSecsSinceEpoch(item.atMs),
                                                      QLocale::ShortFormat);
        auto *row = new QTreeWidgetItem(m_tree, {item.item.text, who, when});
        row->setData(0, kIdRole, item.item.id);
        row->setFlags(row->flags() | Qt::ItemIsUserCheckable);
        row->setCheckState(0, item.ticked ? Qt::Checked : Qt::Unchecked);
    }
    m_loading = false;
}

bool ChecklistDialog::setTicked(int row, bool ticked)
{
    QTreeWidgetItem *item = m_tree->topLevelItem(row);
    if (!item) {
        return false;
    }
    ServiceError error;
    const bool done = ChecklistService(*m_context.db, *m_context.clock)
                          .tickAsStaff(m_taskId, item->data(0, kIdRole).toString(), ticked,
                                       m_context.actor(), &error)
                          .has_value();
    if (!done) {
        m_error->showMessage(error.message);
    } else {
        m_error->hide();
    }
    reload();
    if (done) {
        Q_EMIT changed();
    }
    return done;
}

void ChecklistDialog::editItems()
{
    ServiceError error;
    const std::optional<ChecklistState> state
        = ChecklistService(*m_context.db, *m_context.clock).stateForStaff(m_taskId, &error);
    ChecklistDefinition definition;
    if (state) {
        for (const ChecklistItemState &item : state->items) {
            definition.items.append(item.item);
        }
    }
    ChecklistEditorDialog editor(m_context, m_taskId, state ? state->task.title : QString(),
                                 definition, this);
    if (editor.exec() == QDialog::Accepted) {
        reload();
        Q_EMIT changed();
    }
}

} // namespace Gatehouse
