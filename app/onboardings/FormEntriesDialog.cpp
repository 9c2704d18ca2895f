#include "FormEntriesDialog.h"

#include "services/FormService.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Gatehouse {

namespace {

QString answerText(const FormField &field, const QJsonValue &answer)
{
    if (answer.isUndefined() || answer.isNull()) {
        return QStringLiteral("—");
    }
    if (field.type == FormFieldType::YesNo) {
        return answer.toBool() ? FormEntriesDialog::tr("Yes") : FormEntriesDialog::tr("No");
    }
    if (answer.isArray()) {
        QStringList items;
        for (const QJsonValue &item : answer.toArray()) {
            items.append(item.toString());
        }
        return items.join(QStringLiteral(", "));
    }
    if (answer.isDouble()) {
        return QLocale().toString(answer.toDouble(), 'g', 15);
    }
    return answer.toString();
}

} // namespace

FormEntriesDialog::FormEntriesDialog(const ConsoleContext &context, qint64 taskId, QWidget *parent)
    : QDialog(parent)
    , m_summary(new QLabel(this))
    , m_tree(new QTreeWidget(this))
{
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_tree->setObjectName(QStringLiteral("formEntries"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Question"), tr("Answer")});
    m_tree->setWordWrap(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_tree, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    load(context, taskId);
    resize(640, 480);
}

void FormEntriesDialog::load(const ConsoleContext &context, qint64 taskId)
{
    ServiceError error;
    const std::optional<FormState> state
        = FormService(*context.db, *context.clock).stateForStaff(taskId, &error);
    if (!state) {
        setWindowTitle(tr("Form entries"));
        m_summary->setText(error.message);
        return;
    }
    setWindowTitle(tr("Entries: %1").arg(state->task.title));
    m_summary->setText(state->entries.isEmpty()
                           ? tr("Nothing has been saved yet.")
                           : tr("%n entry(s). Status: %1.", nullptr, int(state->entries.size()))
                                 .arg(displayName(state->task.status)));
    for (int i = 0; i < state->entries.size(); ++i) {
        const FormEntry &entry = state->entries.at(i);
        const QString when = QLocale().toString(QDateTime::fromMSecsSinceEpoch(entry.updatedAtMs),
                                                QLocale::ShortFormat);
        auto *top = new QTreeWidgetItem(
            m_tree, {tr("Entry %1").arg(i + 1), tr("Saved by %1, %2").arg(entry.authorName, when)});
        for (const FormField &field : state->definition.fields) {
            new QTreeWidgetItem(top,
                                {field.label, answerText(field, entry.answers.value(field.id))});
        }
        // Answers to questions staff have since removed are still shown, under their id.
        for (auto it = entry.answers.begin(); it != entry.answers.end(); ++it) {
            if (!state->definition.field(it.key())) {
                new QTreeWidgetItem(top, {it.key(), answerText(FormField(), it.value())});
            }
        }
    }
    m_tree->expandAll();
}

} // namespace Gatehouse
