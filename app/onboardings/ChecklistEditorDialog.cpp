#include "ChecklistEditorDialog.h"

#include "services/ChecklistService.h"
#include "widgets/ErrorLabel.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace Gatehouse {

namespace {

constexpr int kIdRole = Qt::UserRole;

QListWidgetItem *makeItem(const ChecklistItem &item)
{
    auto *row = new QListWidgetItem(item.text);
    row->setData(kIdRole, item.id);
    row->setFlags(row->flags() | Qt::ItemIsEditable);
    return row;
}

} // namespace

ChecklistEditorDialog::ChecklistEditorDialog(const ConsoleContext &context, qint64 taskId,
                                             const QString &taskTitle,
                                             const ChecklistDefinition &definition, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_taskId(taskId)
    , m_list(new QListWidget(this))
    , m_add(new QPushButton(tr("Add item"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_up(new QPushButton(tr("Move up"), this))
    , m_down(new QPushButton(tr("Move down"), this))
    , m_error(new ErrorLabel(this))
{
    setWindowTitle(tr("Checklist: %1").arg(taskTitle));
    m_list->setObjectName(QStringLiteral("checklistItems"));
    m_list->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                            | QAbstractItemView::AnyKeyPressed);
    for (const ChecklistItem &item : definition.items) {
        m_list->addItem(makeItem(item));
    }
    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : {m_add, m_remove, m_up, m_down}) {
        button->setAutoDefault(false);
        buttons->addWidget(button);
    }
    auto *box = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(
        new QLabel(tr("Items, in order. Double-click or press F2 to change a text."), this));
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_error);
    layout->addWidget(box);

    connect(m_add, &QPushButton::clicked, this, [this] {
        addItem(tr("New item"));
        m_list->editItem(m_list->currentItem());
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        delete m_list->takeItem(m_list->currentRow());
        updateButtons();
    });
    connect(m_up, &QPushButton::clicked, this, [this] { move(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { move(1); });
    connect(m_list, &QListWidget::currentRowChanged, this, &ChecklistEditorDialog::updateButtons);
    connect(box, &QDialogButtonBox::accepted, this, [this] {
        if (save()) {
            accept();
        }
    });
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_list->setCurrentRow(0);
    updateButtons();
    resize(480, 400);
}

ChecklistEditorDialog::ChecklistEditorDialog(const QString &taskTitle, const QJsonObject &config,
                                             QWidget *parent)
    : ChecklistEditorDialog(
        ConsoleContext(), 0, taskTitle,
        ChecklistDefinition::fromConfig(config, nullptr).value_or(ChecklistDefinition()), parent)
{
    m_config = config;
}

ChecklistDefinition ChecklistEditorDialog::definition() const
{
    ChecklistDefinition definition;
    for (int i = 0; i < m_list->count(); ++i) {
        const QListWidgetItem *row = m_list->item(i);
        definition.items.append({row->data(kIdRole).toString(), row->text().trimmed()});
    }
    return definition;
}

void ChecklistEditorDialog::addItem(const QString &text)
{
    m_list->addItem(makeItem({definition().freeId(), text}));
    m_list->setCurrentRow(m_list->count() - 1);
}

void ChecklistEditorDialog::move(int delta)
{
    const int row = m_list->currentRow();
    const int to = row + delta;
    if (row < 0 || to < 0 || to >= m_list->count()) {
        return;
    }
    QListWidgetItem *item = m_list->takeItem(row);
    m_list->insertItem(to, item);
    m_list->setCurrentRow(to);
}

void ChecklistEditorDialog::updateButtons()
{
    const int row = m_list->currentRow();
    m_remove->setEnabled(row >= 0);
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row + 1 < m_list->count());
}

bool ChecklistEditorDialog::save()
{
    if (m_taskId == 0) {
        const ChecklistDefinition items = definition();
        QString why;
        if (!items.check(&why)) {
            m_error->showMessage(why);
            return false;
        }
        const QJsonObject keys = items.toConfig();
        for (auto it = keys.begin(); it != keys.end(); ++it) {
            m_config.insert(it.key(), it.value());
        }
        return true;
    }
    ServiceError error;
    if (!ChecklistService(*m_context.db, *m_context.clock)
             .setItems(m_taskId, definition(), m_context.actor(), &error)) {
        m_error->showMessage(error.message);
        return false;
    }
    return true;
}

} // namespace Gatehouse
