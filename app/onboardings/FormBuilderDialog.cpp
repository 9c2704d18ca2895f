#include "FormBuilderDialog.h"

#include "services/FormService.h"
#include "widgets/ErrorLabel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Gatehouse {

namespace {

constexpr FormFieldType kTypes[]
    = {FormFieldType::ShortText,   FormFieldType::LongText, FormFieldType::SingleSelect,
       FormFieldType::MultiSelect, FormFieldType::YesNo,    FormFieldType::Date,
       FormFieldType::Email,       FormFieldType::Phone,    FormFieldType::Number,
       FormFieldType::Url};

} // namespace

FormBuilderDialog::FormBuilderDialog(const ConsoleContext &context, qint64 taskId,
                                     const QString &taskTitle, const FormDefinition &definition,
                                     QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_taskId(taskId)
    , m_definition(definition)
    , m_list(new QListWidget(this))
    , m_label(new QLineEdit(this))
    , m_type(new QComboBox(this))
    , m_required(new QCheckBox(tr("Required"), this))
    , m_help(new QLineEdit(this))
    , m_options(new QPlainTextEdit(this))
    , m_multiple(
          new QCheckBox(tr("Allow several entries (shown as a list with \"Add another\")"), this))
    , m_add(new QPushButton(tr("Add field"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_up(new QPushButton(tr("Move up"), this))
    , m_down(new QPushButton(tr("Move down"), this))
    , m_save(nullptr)
    , m_error(new ErrorLabel(this))
{
    setWindowTitle(tr("Form: %1").arg(taskTitle));
    m_list->setObjectName(QStringLiteral("formFields"));
    m_list->setMinimumWidth(220);
    for (FormFieldType type : kTypes) {
        m_type->addItem(displayName(type), toKey(type));
    }
    m_label->setMaxLength(FormDefinition::kMaxLabelLength);
    m_help->setMaxLength(FormDefinition::kMaxHelpLength);
    m_help->setPlaceholderText(tr("Shown under the label"));
    m_options->setPlaceholderText(tr("One option per line"));
    m_options->setTabChangesFocus(true);
    m_multiple->setChecked(definition.multipleEntries);

    auto *editor = new QFormLayout;
    editor->addRow(tr("&Label:"), m_label);
    editor->addRow(tr("&Type:"), m_type);
    editor->addRow(QString(), m_required);
    editor->addRow(tr("&Help:"), m_help);
    editor->addRow(tr("&Options:"), m_options);

    auto *listButtons = new QHBoxLayout;
    for (QPushButton *button : {m_add, m_remove, m_up, m_down}) {
        button->setAutoDefault(false);
        listButtons->addWidget(button);
    }
    auto *left = new QVBoxLayout;
    left->addWidget(new QLabel(tr("Fields, in the order the client sees them:"), this));
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);

    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(editor, 2);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_save = buttons->button(QDialogButtonBox::Save);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(m_multiple);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(m_add, &QPushButton::clicked, this, &FormBuilderDialog::addField);
    connect(m_remove, &QPushButton::clicked, this, &FormBuilderDialog::removeField);
    connect(m_up, &QPushButton::clicked, this, [this] { moveField(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveField(1); });
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        storeField();
        showField(row);
    });
    for (QLineEdit *edit : {m_label, m_help}) {
        connect(edit, &QLineEdit::textEdited, this, &FormBuilderDialog::storeField);
    }
    connect(m_options, &QPlainTextEdit::textChanged, this, &FormBuilderDialog::storeField);
    connect(m_required, &QCheckBox::toggled, this, &FormBuilderDialog::storeField);
    connect(m_type, &QComboBox::currentIndexChanged, this, &FormBuilderDialog::storeField);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save()) {
            accept();
        }
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    refreshList();
    m_list->setCurrentRow(m_definition.fields.isEmpty() ? -1 : 0);
    showField(m_list->currentRow());
    resize(720, 460);
}

FormBuilderDialog::FormBuilderDialog(const QString &taskTitle, const QJsonObject &config,
                                     QWidget *parent)
    : FormBuilderDialog(ConsoleContext(), 0, taskTitle,
                        FormDefinition::fromConfig(config, nullptr).value_or(FormDefinition()),
                        parent)
{
    m_config = config;
}

QString FormBuilderDialog::freeId() const
{
    for (int n = m_definition.fields.size() + 1;; ++n) {
        const QString id = QStringLiteral("q%1").arg(n);
        if (!m_definition.field(id)) {
            return id;
        }
    }
}

void FormBuilderDialog::refreshList()
{
    const QSignalBlocker blocker(m_list);
    const int row = m_list->currentRow();
    m_list->clear();
    for (const FormField &field : m_definition.fields) {
        const QString label = field.label.isEmpty() ? tr("(no label)") : field.label;
        m_list->addItem(tr("%1 — %2%3")
                            .arg(label, displayName(field.type),
                                 field.required ? tr(" (required)") : QString()));
    }
    m_list->setCurrentRow(qMin(row, m_list->count() - 1));
}

void FormBuilderDialog::showField(int row)
{
    m_shown = row;
    const bool has = row >= 0 && row < m_definition.fields.size();
    for (QWidget *widget : {static_cast<QWidget *>(m_label), static_cast<QWidget *>(m_type),
                            static_cast<QWidget *>(m_required), static_cast<QWidget *>(m_help)}) {
        widget->setEnabled(has);
    }
    m_remove->setEnabled(has);
    m_up->setEnabled(has && row > 0);
    m_down->setEnabled(has && row + 1 < m_definition.fields.size());
    m_loading = true;
    const FormField field = has ? m_definition.fields.at(row) : FormField();
    m_label->setText(field.label);
    m_type->setCurrentIndex(qMax(0, m_type->findData(toKey(field.type))));
    m_required->setChecked(field.required);
    m_help->setText(field.help);
    m_options->setPlainText(field.options.join(QLatin1Char('\n')));
    m_options->setEnabled(has && hasOptions(field.type));
    m_loading = false;
}

void FormBuilderDialog::storeField()
{
    if (m_loading || m_shown < 0 || m_shown >= m_definition.fields.size()) {
        return;
    }
    FormField &field = m_definition.fields[m_shown];
    field.label = m_label->text();
    field.type = formFieldTypeFromString(m_type->currentData().toString())
                     .value_or(FormFieldType::ShortText);
    field.required = m_required->isChecked();
    field.help = m_help->text();
    field.options.clear();
    // Options belong to choice fields only; switching the type away keeps the text in the box.
    if (hasOptions(field.type)) {
        const QStringList lines = m_options->toPlainText().split(QLatin1Char('\n'));
        for (const QString &line : lines) {
            if (!line.trimmed().isEmpty()) {
                field.options.append(line.trimmed());
            }
        }
    }
    m_options->setEnabled(hasOptions(field.type));
    if (QListWidgetItem *item = m_list->item(m_shown)) {
        item->setText(tr("%1 — %2%3")
                          .arg(field.label.isEmpty() ? tr("(no label)") : field.label,
                               displayName(field.type),
                               field.required ? tr(" (required)") : QString()));
    }
}

void FormBuilderDialog::addField()
{
    storeField();
    FormField field;
    field.id = freeId();
    field.label = tr("New question");
    m_definition.fields.append(field);
    refreshList();
    m_list->setCurrentRow(m_definition.fields.size() - 1);
    m_label->setFocus();
    m_label->selectAll();
}

void FormBuilderDialog::removeField()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_definition.fields.size()) {
        return;
    }
    m_definition.fields.removeAt(row);
    m_shown = -1;
    refreshList();
    m_list->setCurrentRow(qMin(row, m_definition.fields.size() - 1));
    showField(m_list->currentRow());
}

void FormBuilderDialog::moveField(int delta)
{
    storeField();
    const int row = m_list->currentRow();
    const int to = row + delta;
    if (row < 0 || to < 0 || to >= m_definition.fields.size()) {
        return;
    }
    m_definition.fields.move(row, to);
    m_shown = -1;
    refreshList();
    m_list->setCurrentRow(to);
    showField(to);
}

bool FormBuilderDialog::save()
{
    storeField();
    m_definition.multipleEntries = m_multiple->isChecked();
    for (FormField &field : m_definition.fields) {
        field.label = field.label.trimmed();
        field.help = field.help.trimmed();
    }
    if (m_taskId == 0) {
        QString why;
        if (!m_definition.check(&why)) {
            m_error->showMessage(why);
            return false;
        }
        const QJsonObject keys = m_definition.toConfig();
        for (auto it = keys.begin(); it != keys.end(); ++it) {
            m_config.insert(it.key(), it.value());
        }
        return true;
    }
    ServiceError error;
    if (!FormService(*m_context.db, *m_context.clock)
             .setDefinition(m_taskId, m_definition, m_context.actor(), &error)) {
        m_error->showMessage(error.message);
        return false;
    }
    return true;
}

} // namespace Gatehouse
