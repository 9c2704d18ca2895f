#include "TemplatesView.h"

#include "TemplateEditor.h"
#include "core/MessageBox.h"
#include "core/PermissionGate.h"
#include "models/TemplateListModel.h"
#include "services/TemplateService.h"

#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace Gatehouse {

TemplatesView::TemplatesView(const ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new TemplateListModel(this))
    , m_list(new QListView(this))
    , m_editor(new TemplateEditor(context, this))
    , m_new(new QPushButton(tr("&New"), this))
    , m_duplicate(new QPushButton(tr("D&uplicate"), this))
    , m_delete(new QPushButton(tr("&Delete…"), this))
{
    setObjectName(QStringLiteral("templatesView"));
    m_list->setObjectName(QStringLiteral("templateList"));
    m_list->setAccessibleName(tr("Templates"));
    m_list->setModel(m_model);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_new->setObjectName(QStringLiteral("newTemplate"));
    m_duplicate->setObjectName(QStringLiteral("duplicateTemplate"));
    m_delete->setObjectName(QStringLiteral("deleteTemplate"));

    auto *title = new QLabel(tr("Templates"), this);
    QFont font = title->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.3);
    title->setFont(font);
    auto *hint = new QLabel(tr("New onboardings copy a template's phases and tasks; changing a "
                               "template later does not change them."),
                            this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);

    auto *buttons = new QGridLayout;
    int slot = 0;
    for (QPushButton *button : {m_new, m_duplicate, m_delete}) {
        button->setAutoDefault(false);
        buttons->addWidget(button, slot / 2, slot % 2);
        ++slot;
    }
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addLayout(buttons);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(m_editor);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 4);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(hint);
    layout->addWidget(splitter, 1);

    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &TemplatesView::onCurrentChanged);
    connect(m_new, &QPushButton::clicked, this, &TemplatesView::newTemplate);
    connect(m_duplicate, &QPushButton::clicked, this, &TemplatesView::duplicateCurrent);
    connect(m_delete, &QPushButton::clicked, this, &TemplatesView::deleteCurrent);
    connect(m_editor, &TemplateEditor::saved, this, [this](qint64 id) {
        refresh();
        setCurrentRow(id);
        Q_EMIT templatesChanged();
    });
    refresh();
    if (m_model->rowCount() > 0) {
        m_list->setCurrentIndex(m_model->index(0, 0));
    }
    updateButtons();
}

void TemplatesView::refresh()
{
    ServiceError error;
    const QList<OnboardingTemplate> templates
        = TemplateService(*m_context.db, *m_context.clock).list(&error);
    if (error.kind != ServiceError::Kind::None) {
        return; // keep showing what we have; the next refresh may do better
    }
    const qint64 current = currentTemplateId();
    m_reverting = true;
    m_model->setRows(templates);
    setCurrentRow(current);
    m_reverting = false;
    updateButtons();
}

qint64 TemplatesView::currentTemplateId() const
{
    return m_list->currentIndex().data(TemplateListModel::IdRole).toLongLong();
}

void TemplatesView::setCurrentRow(qint64 id)
{
    const int row = m_model->rowOf(id);
    const bool wasReverting = m_reverting;
    m_reverting = true;
    m_list->setCurrentIndex(row < 0 ? QModelIndex() : m_model->index(row, 0));
    m_reverting = wasReverting;
}

void TemplatesView::onCurrentChanged()
{
    updateButtons();
    if (m_reverting) {
        return;
    }
    const qint64 id = currentTemplateId();
    if (id == m_editor->templateId()) {
        return;
    }
    if (!maybeLeave()) {
        setCurrentRow(m_editor->templateId()); // staff stay where their changes are
        return;
    }
    if (id == 0) {
        m_editor->clear();
    } else {
        m_editor->load(id);
    }
}

bool TemplatesView::maybeLeave()
{
    if (!m_editor->isDirty()) {
        return true;
    }
    const QMessageBox::StandardButton answer = MessageBox::question(
        this, tr("Unsaved changes"),
        tr("The template \"%1\" has changes that are not saved.")
            .arg(m_editor->currentTemplate().name),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    switch (answer) {
    case QMessageBox::Save:
        return m_editor->save();
    case QMessageBox::Discard:
        m_editor->discard();
        return true;
    default:
        return false;
    }
}

bool TemplatesView::selectTemplate(qint64 id)
{
    if (m_model->rowOf(id) < 0) {
        refresh();
    }
    const int row = m_model->rowOf(id);
    if (row < 0) {
        return false;
    }
    m_list->setCurrentIndex(m_model->index(row, 0));
    return m_editor->templateId() == id;
}

qint64 TemplatesView::newTemplate()
{
    if (!maybeLeave()) {
        return 0;
    }
    TemplateService templates(*m_context.db, *m_context.clock);
    ServiceError error;
    // A free name to start from; staff rename it in the editor.
    const auto taken = [this](const QString &candidate) {
        for (const OnboardingTemplate &other : m_model->rows()) {
            if (other.name.compare(candidate, Qt::CaseInsensitive) == 0) {
                return true;
            }
        }
        return false;
    };
    QString name = tr("New template");
    for (int n = 2; taken(name); ++n) {
        name = tr("New template (%1)").arg(n);
    }
    OnboardingTemplate tmpl;
    tmpl.name = name;
    tmpl.phases = {{tr("Phase 1"), {}}};
    const qint64 id = templates.create(tmpl, m_context.actor(), &error);
    if (id == 0) {
        MessageBox::critical(this, tr("Template not created"), error.message);
        return 0;
    }
    refresh();
    selectTemplate(id);
    m_editor->nameEdit()->setFocus();
    m_editor->nameEdit()->selectAll();
    Q_EMIT templatesChanged();
    return id;
}

qint64 TemplatesView::duplicateCurrent()
{
    const qint64 source = currentTemplateId();
    if (source == 0 || !maybeLeave()) {
        return 0;
    }
    ServiceError error;
    const qint64 id = TemplateService(*m_context.db, *m_context.clock)
                          .duplicate(source, QString(), m_context.actor(), &error);
    if (id == 0) {
        MessageBox::critical(this, tr("Template not copied"), error.message);
        return 0;
    }
    refresh();
    selectTemplate(id);
    Q_EMIT templatesChanged();
    return id;
}

bool TemplatesView::deleteCurrent()
{
    const qint64 id = currentTemplateId();
    if (id == 0) {
        return false;
    }
    TemplateService templates(*m_context.db, *m_context.clock);
    ServiceError error;
    const int used = templates.onboardingCount(id, &error);
    const QString name = m_list->currentIndex().data().toString();
    const QString usage
        = used > 0 ? tr("%n onboarding(s) were created from it; they keep their phases and "
                        "tasks.",
                        nullptr, used)
                   : tr("No onboarding was created from it.");
    if (MessageBox::question(this, tr("Delete template"),
                             tr("Delete the template \"%1\"? %2").arg(name, usage))
        != QMessageBox::Yes) {
        return false;
    }
    if (!templates.remove(id, m_context.actor(), &error)) {
        MessageBox::critical(this, tr("Template not deleted"), error.message);
        return false;
    }
    // Its unsaved changes go with it: staff were asked about the template as a whole.
    m_editor->clear();
    const int row = m_list->currentIndex().row();
    refresh();
    if (m_model->rowCount() > 0) {
        const QModelIndex next = m_model->index(qMin(row, m_model->rowCount() - 1), 0);
        m_list->setCurrentIndex(next);
    }
    Q_EMIT templatesChanged();
    return true;
}

void TemplatesView::updateButtons()
{
    const bool has = currentTemplateId() != 0;
    m_duplicate->setEnabled(has);
    m_delete->setEnabled(has);
    for (QWidget *button : {static_cast<QWidget *>(m_new), static_cast<QWidget *>(m_duplicate),
                            static_cast<QWidget *>(m_delete)}) {
        PermissionGate::apply(button, m_context, StaffPermission::EditTemplates);
    }
}

} // namespace Gatehouse
