#include "PagesPanel.h"

#include "PagePreview.h"
#include "core/MessageBox.h"
#include "widgets/ErrorLabel.h"

#include <algorithm>

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QShowEvent>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Gatehouse {

namespace {

constexpr int kPreviewDelayMs = 250;

} // namespace

PagesPanel::PagesPanel(const ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_list(new QTreeWidget(this))
    , m_new(new QPushButton(tr("&New page"), this))
    , m_delete(new QPushButton(tr("&Delete…"), this))
    , m_up(new QPushButton(tr("Move &up"), this))
    , m_down(new QPushButton(tr("Move do&wn"), this))
    , m_title(new QLineEdit(this))
    , m_visible(new QCheckBox(tr("&Visible to clients"), this))
    , m_markdown(new QPlainTextEdit(this))
    , m_preview(new PagePreview(this))
    , m_error(new ErrorLabel(this))
    , m_save(new QPushButton(tr("&Save page"), this))
{
    setObjectName(QStringLiteral("pagesPanel"));
    m_list->setColumnCount(2);
    m_list->setHeaderLabels({tr("Title"), tr("Shown")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_list->setAccessibleName(tr("Portal pages, in the order clients see them"));
    m_title->setMaxLength(PageService::kMaxTitleLength);
    m_title->setAccessibleName(tr("Page title"));
    m_markdown->setTabChangesFocus(true);
    m_markdown->setPlaceholderText(tr("Write in Markdown: ## Heading, - list item, "
                                      "[link text](https://…)"));
    m_markdown->setAccessibleName(tr("Page text in Markdown"));
    m_preview->setAccessibleName(tr("Preview as clients see it"));
    m_preview->setFocusPolicy(Qt::TabFocus);
    m_save->setToolTip(tr("Save page (Ctrl+S)"));
    m_previewTimer.setSingleShot(true);
    m_previewTimer.setInterval(kPreviewDelayMs);

    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_new);
    listButtons->addWidget(m_delete);
    listButtons->addStretch();
    listButtons->addWidget(m_up);
    listButtons->addWidget(m_down);
    auto *listSide = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listSide);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_list);
    listLayout->addLayout(listButtons);

    auto *markdownLabel = new QLabel(tr("&Markdown:"), this);
    markdownLabel->setBuddy(m_markdown);
    auto *previewLabel = new QLabel(tr("Preview:"), this);
    auto *textSplit = new QSplitter(Qt::Horizontal, this);
    auto *markdownSide = new QWidget(textSplit);
    auto *markdownLayout = new QVBoxLayout(markdownSide);
    markdownLayout->setContentsMargins(0, 0, 0, 0);
    markdownLayout->addWidget(markdownLabel);
    markdownLayout->addWidget(m_markdown);
    auto *previewSide = new QWidget(textSplit);
    auto *previewLayout = new QVBoxLayout(previewSide);
    previewLayout->setContentsMargins(0, 0, 0, 0);
    previewLayout->addWidget(previewLabel);
    previewLayout->addWidget(m_preview);
    textSplit->addWidget(markdownSide);
    textSplit->addWidget(previewSide);

    auto *editorSide = new QWidget(this);
    auto *form = new QFormLayout;
    form->addRow(tr("&Title:"), m_title);
    form->addRow(QString(), m_visible);
    auto *editorLayout = new QVBoxLayout(editorSide);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->addLayout(form);
    editorLayout->addWidget(textSplit, 1);
    editorLayout->addWidget(m_error);
    editorLayout->addWidget(m_save, 0, Qt::AlignLeft);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(listSide);
    split->addWidget(editorSide);
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);
    setTabOrder(m_list, m_new);
    setTabOrder(m_new, m_delete);
    setTabOrder(m_delete, m_up);
    setTabOrder(m_up, m_down);
    setTabOrder(m_down, m_title);
    setTabOrder(m_title, m_visible);
    setTabOrder(m_visible, m_markdown);
    setTabOrder(m_markdown, m_preview);
    setTabOrder(m_preview, m_save);

    connect(m_list, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem *current) { onCurrentItemChanged(current); });
    connect(m_new, &QPushButton::clicked, this, &PagesPanel::newPage);
    connect(m_delete, &QPushButton::clicked, this, &PagesPanel::deleteCurrent);
    connect(m_up, &QPushButton::clicked, this, [this] { moveCurrent(PageService::Move::Up); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveCurrent(PageService::Move::Down); });
    connect(m_save, &QPushButton::clicked, this, &PagesPanel::save);
    connect(m_title, &QLineEdit::textChanged, this, &PagesPanel::markEdited);
    connect(m_visible, &QCheckBox::toggled, this, &PagesPanel::markEdited);
    connect(m_markdown, &QPlainTextEdit::textChanged, this, [this] {
        markEdited();
        m_previewTimer.start();
    });
    connect(&m_previewTimer, &QTimer::timeout, this, &PagesPanel::updatePreview);
    auto *saveKey = new QShortcut(QKeySequence::Save, this);
    saveKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(saveKey, &QShortcut::activated, this, &PagesPanel::save);

    load(PortalPage(), false);
    refresh();
}

void PagesPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh(); // staff elsewhere may have changed the pages
}

void PagesPanel::refresh()
{
    QString error;
    const QList<PortalPage> pages = PageService(*m_context.db, *m_context.clock).list(&error);
    if (!error.isEmpty()) {
        m_error->showMessage(tr("The pages could not be read: %1").arg(error));
        return;
    }
    m_pages = pages;
    {
        const QSignalBlocker blocker(m_list);
        m_list->clear();
        for (const PortalPage &page : m_pages) {
            auto *item = new QTreeWidgetItem(
                m_list, {page.title, page.visible ? tr("Visible") : tr("Hidden")});
            item->setData(0, Qt::UserRole, page.id);
        }
    }
    const bool stillThere = std::any_of(m_pages.cbegin(), m_pages.cend(),
                                        [this](const auto &p) { return p.id == m_editingId; });
    if (m_editing && m_editingId != 0 && !stillThere && !m_dirty) {
        load(PortalPage(), false); // deleted elsewhere
    }
    selectInList(m_editingId);
    updateActions();
}

bool PagesPanel::confirmLeave()
{
    if (!m_dirty) {
        return true;
    }
    const QString title = m_title->text().trimmed();
    const QMessageBox::StandardButton answer = MessageBox::question(
        this, tr("Unsaved changes"),
        title.isEmpty() ? tr("Save the changes to this page?")
                        : tr("Save the changes to the page \"%1\"?").arg(title),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    switch (answer) {
    case QMessageBox::Save:
        return save();
    case QMessageBox::Discard:
        m_dirty = false;
        return true;
    default:
        return false;
    }
}

void PagesPanel::onCurrentItemChanged(QTreeWidgetItem *current)
{
    if (!current) {
        return;
    }
    const qint64 id = current->data(0, Qt::UserRole).toLongLong();
    if (m_editing && id == m_editingId) {
        return;
    }
    if (!openPage(id)) {
        selectInList(m_editingId); // stay where the edits are
    }
}

bool PagesPanel::openPage(qint64 id)
{
    if (m_editing && id == m_editingId) {
        return true;
    }
    if (!confirmLeave()) {
        return false;
    }
    for (const PortalPage &page : std::as_const(m_pages)) {
        if (page.id == id) {
            load(page, true);
            selectInList(id);
            return true;
        }
    }
    return false;
}

bool PagesPanel::newPage()
{
    if (!confirmLeave()) {
        return false;
    }
    load(PortalPage(), true);
    selectInList(0);
    m_title->setFocus();
    return true;
}

void PagesPanel::load(const PortalPage &page, bool editing)
{
    m_loading = true;
    m_editing = editing;
    m_editingId = page.id;
    m_title->setText(page.title);
    m_visible->setChecked(page.visible);
    m_markdown->setPlainText(page.body);
    m_loading = false;
    m_dirty = false;
    m_previewTimer.stop();
    updatePreview();
    m_error->clear();
    m_error->hide();
    updateActions();
}

void PagesPanel::selectInList(qint64 id)
{
    const QSignalBlocker blocker(m_list);
    m_list->clearSelection();
    m_list->selectionModel()->clearCurrentIndex();
    for (int row = 0; id != 0 && row < m_list->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = m_list->topLevelItem(row);
        if (item->data(0, Qt::UserRole).toLongLong() == id) {
            m_list->setCurrentItem(item);
            break;
        }
    }
}

void PagesPanel::markEdited()
{
    if (!m_loading && m_editing) {
        m_dirty = true;
    }
}

void PagesPanel::updatePreview()
{
    m_previewTimer.stop();
    m_preview->showMarkdown(m_markdown->toPlainText());
}

void PagesPanel::updateActions()
{
    qsizetype row = -1;
    for (qsizetype i = 0; i < m_pages.size(); ++i) {
        if (m_pages.at(i).id == m_editingId) {
            row = i;
        }
    }
    const bool stored = m_editing && row >= 0;
    m_delete->setEnabled(stored);
    m_up->setEnabled(stored && row > 0);
    m_down->setEnabled(stored && row + 1 < m_pages.size());
    m_title->setEnabled(m_editing);
    m_visible->setEnabled(m_editing);
    m_markdown->setEnabled(m_editing);
    m_save->setEnabled(m_editing);
}

bool PagesPanel::save()
{
    if (!m_editing) {
        return false;
    }
    PageService service(*m_context.db, *m_context.clock);
    ServiceError error;
    qint64 id = m_editingId;
    bool ok = false;
    if (id == 0) {
        id = service.create(m_title->text(), m_markdown->toPlainText(), m_visible->isChecked(),
                            m_context.actor(), &error);
        ok = id != 0;
    } else {
        ok = service.update(id, m_title->text(), m_markdown->toPlainText(), m_visible->isChecked(),
                            m_context.actor(), &error);
    }
    if (!ok) {
        m_error->showMessage(error.message); // the edits stay, to be corrected
        return false;
    }
    m_editingId = id;
    m_dirty = false;
    m_error->clear();
    m_error->hide();
    refresh();
    Q_EMIT saved();
    return true;
}

bool PagesPanel::deleteCurrent()
{
    if (!m_editing || m_editingId == 0) {
        return false;
    }
    const QString title = m_title->text().trimmed();
    if (MessageBox::question(this, tr("Delete page"),
                             tr("Delete the page \"%1\"? Clients will no longer see it.")
                                 .arg(title.isEmpty() ? tr("(untitled)") : title))
        != QMessageBox::Yes) {
        return false;
    }
    ServiceError error;
    if (!PageService(*m_context.db, *m_context.clock)
             .remove(m_editingId, m_context.actor(), &error)) {
        m_error->showMessage(error.message);
        return false;
    }
    load(PortalPage(), false);
    refresh();
    Q_EMIT saved();
    return true;
}

bool PagesPanel::moveCurrent(PageService::Move direction)
{
    if (!m_editing || m_editingId == 0) {
        return false;
    }
    ServiceError error;
    if (!PageService(*m_context.db, *m_context.clock)
             .move(m_editingId, direction, m_context.actor(), &error)) {
        m_error->showMessage(error.message);
        return false;
    }
    refresh(); // the editor, unsaved edits included, stays as it is
    return true;
}

} // namespace Gatehouse
