#include "TemplateEditor.h"

#include "TaskDetailsPanel.h"
#include "core/MessageBox.h"
#include "core/PermissionGate.h"
#include "models/TemplateTreeModel.h"
#include "services/TemplateService.h"
#include "services/TemplateValidator.h"
#include "widgets/ErrorLabel.h"

#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace Gatehouse {

namespace {

enum DetailsPage { NothingPage, PhasePage, TaskPage };

} // namespace

TemplateEditor::TemplateEditor(const ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_name(new QLineEdit(this))
    , m_description(new QPlainTextEdit(this))
    , m_model(new TemplateTreeModel(this))
    , m_tree(new QTreeView(this))
    , m_addPhase(new QPushButton(tr("Add &phase"), this))
    , m_addTask(new QPushButton(tr("Add &task"), this))
    , m_remove(new QPushButton(tr("&Remove"), this))
    , m_up(new QPushButton(tr("Move &up"), this))
    , m_down(new QPushButton(tr("Move do&wn"), this))
    , m_details(new QStackedWidget(this))
    , m_phaseName(new QLineEdit(this))
    , m_taskPanel(new TaskDetailsPanel(this))
    , m_error(new ErrorLabel(this))
    , m_save(new QPushButton(tr("Save"), this))
    , m_discard(new QPushButton(tr("Discard changes"), this))
{
    m_name->setObjectName(QStringLiteral("templateName"));
    m_name->setMaxLength(TemplateValidator::kMaxNameLength);
    m_description->setObjectName(QStringLiteral("templateDescription"));
    m_description->setTabChangesFocus(true);
    m_description->setMaximumHeight(70);
    m_tree->setObjectName(QStringLiteral("templateTree"));
    m_tree->setAccessibleName(tr("Phases and tasks of the template"));
    m_tree->setModel(m_model);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_tree->header()->setSectionResizeMode(TemplateTreeModel::TitleColumn, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    m_phaseName->setObjectName(QStringLiteral("phaseName"));
    m_phaseName->setMaxLength(TemplateValidator::kMaxPhaseNameLength);
    m_save->setObjectName(QStringLiteral("saveTemplate"));
    m_discard->setObjectName(QStringLiteral("discardTemplate"));
    m_addTask->setToolTip(tr("Add a task after the selected one (Ins)"));
    m_remove->setToolTip(tr("Remove the selected phase or task (Del)"));
    m_up->setToolTip(tr("Alt+Up"));
    m_down->setToolTip(tr("Alt+Down"));

    auto *head = new QFormLayout;
    head->addRow(tr("&Name:"), m_name);
    head->addRow(tr("Descr&iption:"), m_description);

    // Two rows, so the page fits a narrow window.
    auto *treeButtons = new QGridLayout;
    int slot = 0;
    for (QPushButton *button : {m_addPhase, m_addTask, m_remove, m_up, m_down}) {
        button->setAutoDefault(false);
        treeButtons->addWidget(button, slot / 3, slot % 3);
        ++slot;
    }
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_tree, 1);
    leftLayout->addLayout(treeButtons);

    auto *nothing = new QLabel(tr("Select a phase or a task to edit it."), m_details);
    nothing->setAlignment(Qt::AlignCenter);
    nothing->setForegroundRole(QPalette::PlaceholderText);
    auto *phasePage = new QWidget(m_details);
    auto *phaseForm = new QFormLayout(phasePage);
    phaseForm->setContentsMargins(0, 0, 0, 0);
    phaseForm->addRow(tr("Phase &name:"), m_phaseName);
    m_details->addWidget(nothing);
    m_details->addWidget(phasePage);
    m_details->addWidget(m_taskPanel);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_error, 1);
    bottom->addWidget(m_discard);
    bottom->addWidget(m_save);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(head);
    layout->addWidget(splitter, 1);
    layout->addLayout(bottom);

    connect(m_name, &QLineEdit::textEdited, this, &TemplateEditor::updateDirty);
    connect(m_description, &QPlainTextEdit::textChanged, this, &TemplateEditor::updateDirty);
    connect(m_model, &TemplateTreeModel::edited, this, &TemplateEditor::updateDirty);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &TemplateEditor::showCurrent);
    // A row renamed in the tree shows its new name in the details.
    connect(m_model, &TemplateTreeModel::dataChanged, this, [this] {
        const QModelIndex current = m_tree->currentIndex();
        const TemplateTask *task = m_model->taskAt(current);
        if (task && *task != m_taskPanel->task()) {
            m_taskPanel->setTask(*task);
        } else if (m_model->isPhase(current)
                   && m_phaseName->text()
                          != m_model->templateData().phases.at(current.row()).name) {
            m_phaseName->setText(m_model->templateData().phases.at(current.row()).name);
        }
    });
    connect(m_phaseName, &QLineEdit::textEdited, this, [this](const QString &text) {
        m_model->setPhaseName(m_model->phaseOf(m_tree->currentIndex()), text);
    });
    connect(m_taskPanel, &TaskDetailsPanel::changed, this, [this](const TemplateTask &task) {
        const QModelIndex current = m_tree->currentIndex();
        if (m_model->isTask(current)) {
            m_model->setTask(m_model->phaseOf(current), current.row(), task);
        }
    });
    connect(m_addPhase, &QPushButton::clicked, this, &TemplateEditor::addPhase);
    connect(m_addTask, &QPushButton::clicked, this, &TemplateEditor::addTask);
    connect(m_remove, &QPushButton::clicked, this, &TemplateEditor::removeCurrent);
    connect(m_up, &QPushButton::clicked, this, [this] { moveCurrent(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveCurrent(1); });
    connect(m_save, &QPushButton::clicked, this, &TemplateEditor::save);
    connect(m_discard, &QPushButton::clicked, this, &TemplateEditor::discard);
    createShortcuts();
    clear();
}

void TemplateEditor::createShortcuts()
{
    // On the tree only, so that Del and Ins keep their meaning while typing in a field.
    // Each described for Help > Keyboard shortcuts.
    const auto onTree = [this](const QKeySequence &keys, const QString &what, auto slot) {
        auto *shortcut = new QShortcut(keys, m_tree);
        shortcut->setContext(Qt::WidgetShortcut);
        shortcut->setWhatsThis(what);
        connect(shortcut, &QShortcut::activated, this, slot);
    };
    onTree(QKeySequence(Qt::Key_Insert), tr("Add a task"), [this] { addTask(); });
    onTree(QKeySequence(Qt::SHIFT | Qt::Key_Insert), tr("Add a phase"), [this] { addPhase(); });
    onTree(QKeySequence(Qt::Key_Delete), tr("Remove the selected phase or task"),
           [this] { removeCurrent(); });
    onTree(QKeySequence(Qt::ALT | Qt::Key_Up), tr("Move up"), [this] { moveCurrent(-1); });
    onTree(QKeySequence(Qt::ALT | Qt::Key_Down), tr("Move down"), [this] { moveCurrent(1); });
    auto *save = new QShortcut(QKeySequence::Save, this);
    save->setWhatsThis(tr("Save the template"));
    save->setContext(Qt::WidgetWithChildrenShortcut);
    connect(save, &QShortcut::activated, this, [this] {
        if (m_dirty) {
            this->save();
        }
    });
}

bool TemplateEditor::load(qint64 templateId)
{
    ServiceError error;
    const std::optional<OnboardingTemplate> tmpl
        = TemplateService(*m_context.db, *m_context.clock).get(templateId, &error);
    if (!tmpl) {
        clear();
        m_error->showMessage(error.message);
        return false;
    }
    m_loading = true;
    m_stored = *tmpl;
    m_name->setText(tmpl->name);
    m_description->setPlainText(tmpl->description);
    m_model->setTemplate(*tmpl);
    m_tree->expandAll();
    m_loading = false;
    m_error->hide();
    setEnabled(true);
    showCurrent();
    updateDirty();
    return true;
}

void TemplateEditor::clear()
{
    m_loading = true;
    m_stored = OnboardingTemplate();
    m_name->clear();
    m_description->clear();
    m_model->setTemplate(OnboardingTemplate());
    m_loading = false;
    m_error->hide();
    setEnabled(false);
    showCurrent();
    updateDirty();
}

OnboardingTemplate TemplateEditor::currentTemplate() const
{
    OnboardingTemplate tmpl = m_model->templateData();
    tmpl.id = m_stored.id;
    tmpl.name = m_name->text();
    tmpl.description = m_description->toPlainText();
    return tmpl;
}

QString TemplateEditor::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void TemplateEditor::updateDirty()
{
    if (m_loading) {
        return;
    }
    const bool dirty = m_stored.id != 0 && currentTemplate() != m_stored;
    if (dirty != m_dirty) {
        m_dirty = dirty;
        Q_EMIT dirtyChanged(dirty);
    }
    updateButtons();
}

void TemplateEditor::updateButtons()
{
    const QModelIndex current = m_tree->currentIndex();
    const bool hasRow = current.isValid();
    m_addTask->setEnabled(!m_model->templateData().phases.isEmpty());
    m_remove->setEnabled(hasRow);
    m_up->setEnabled(hasRow);
    m_down->setEnabled(hasRow);
    m_save->setEnabled(m_dirty);
    PermissionGate::apply(m_save, m_context, StaffPermission::EditTemplates);
    m_discard->setEnabled(m_dirty);
}

void TemplateEditor::showCurrent()
{
    const QModelIndex current = m_tree->currentIndex();
    if (const TemplateTask *task = m_model->taskAt(current)) {
        m_taskPanel->setTask(*task);
        m_details->setCurrentIndex(TaskPage);
    } else if (m_model->isPhase(current)) {
        m_phaseName->setText(m_model->templateData().phases.at(current.row()).name);
        m_details->setCurrentIndex(PhasePage);
    } else {
        m_details->setCurrentIndex(NothingPage);
    }
    updateButtons();
}

void TemplateEditor::selectRow(const QModelIndex &index)
{
    if (!index.isValid()) {
        return;
    }
    const QModelIndex row = index.siblingAtColumn(TemplateTreeModel::TitleColumn);
    if (row.parent().isValid()) {
        m_tree->expand(row.parent());
    }
    m_tree->selectionModel()->setCurrentIndex(row, QItemSelectionModel::ClearAndSelect
                                                       | QItemSelectionModel::Rows);
    m_tree->scrollTo(row);
}

QModelIndex TemplateEditor::addPhase()
{
    const int current = m_model->phaseOf(m_tree->currentIndex());
    const int at = current < 0 ? int(m_model->templateData().phases.size()) : current + 1;
    const QModelIndex added = m_model->insertPhase(
        at, {tr("Phase %1").arg(m_model->templateData().phases.size() + 1), {}});
    selectRow(added);
    m_phaseName->setFocus();
    m_phaseName->selectAll();
    return added;
}

QModelIndex TemplateEditor::addTask()
{
    if (m_model->templateData().phases.isEmpty()) {
        addPhase();
    }
    const QModelIndex current = m_tree->currentIndex();
    int phase = m_model->phaseOf(current);
    if (phase < 0) {
        phase = int(m_model->templateData().phases.size()) - 1;
    }
    TemplateTask task;
    task.title = tr("New task");
    int at = int(m_model->templateData().phases.at(phase).tasks.size());
    if (const TemplateTask *after = m_model->taskAt(current)) {
        at = current.row() + 1;
        task.dueOffsetDays = after->dueOffsetDays; // usually due about when its neighbour is
    }
    const QModelIndex added = m_model->insertTask(phase, at, task);
    selectRow(added);
    m_taskPanel->titleEdit()->setFocus();
    m_taskPanel->titleEdit()->selectAll();
    return added;
}

void TemplateEditor::removeCurrent()
{
    const QModelIndex current = m_tree->currentIndex().siblingAtColumn(0);
    if (!current.isValid()) {
        return;
    }
    if (m_model->isPhase(current)) {
        const TemplatePhase &phase = m_model->templateData().phases.at(current.row());
        if (!phase.tasks.isEmpty()
            && MessageBox::question(this, tr("Remove phase"),
                                    tr("Remove the phase \"%1\" and its %n task(s)?", nullptr,
                                       int(phase.tasks.size()))
                                        .arg(phase.name))
                   != QMessageBox::Yes) {
            return;
        }
    }
    const QModelIndex parent = current.parent();
    const int row = current.row();
    m_model->remove(current);
    const int left = m_model->rowCount(parent);
    selectRow(left > 0 ? m_model->index(qMin(row, left - 1), 0, parent) : parent);
    if (m_model->rowCount() == 0) {
        showCurrent();
    }
    m_tree->setFocus();
}

QModelIndex TemplateEditor::moveCurrent(int delta)
{
    const QModelIndex moved = m_model->move(m_tree->currentIndex(), delta);
    selectRow(moved);
    return moved;
}

bool TemplateEditor::save()
{
    if (m_stored.id == 0) {
        return false;
    }
    const QModelIndex current = m_tree->currentIndex();
    const int phase = m_model->phaseOf(current);
    const int task = m_model->isTask(current) ? current.row() : -1;
    ServiceError error;
    TemplateProblem problem;
    if (!TemplateService(*m_context.db, *m_context.clock)
             .save(currentTemplate(), m_context.actor(), &error, &problem)) {
        m_error->showMessage(error.message);
        if (problem.task >= 0) {
            selectRow(m_model->taskIndex(problem.phase, problem.task));
            m_taskPanel->titleEdit()->setFocus();
        } else if (problem.phase >= 0) {
            selectRow(m_model->phaseIndex(problem.phase));
            m_phaseName->setFocus();
        } else if (m_stored.name != m_name->text() || m_name->text().trimmed().isEmpty()) {
            m_name->setFocus();
        }
        return false;
    }
    // Read back: what is stored is trimmed and in canonical form.
    if (!load(m_stored.id)) {
        return false;
    }
    selectRow(task >= 0 ? m_model->taskIndex(phase, task) : m_model->phaseIndex(phase));
    Q_EMIT saved(m_stored.id);
    return true;
}

void TemplateEditor::discard()
{
    if (m_stored.id != 0) {
        load(m_stored.id);
    }
}

} // namespace Gatehouse
