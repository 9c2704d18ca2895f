#include "GlobalSearch.h"

#include "models/SearchResultModel.h"

#include <QCompleter>
#include <QHeaderView>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

namespace Gatehouse {

namespace {

constexpr int kTypingPauseMs = 200;

} // namespace

GlobalSearch::GlobalSearch(const ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_edit(new QLineEdit(this))
    , m_model(new SearchResultModel(this))
    , m_completer(new QCompleter(this))
    , m_popup(new QTableView)
{
    m_edit->setObjectName(QStringLiteral("globalSearch"));
    m_edit->setAccessibleName(tr("Search"));
    m_edit->setPlaceholderText(tr("Search (Ctrl+K)"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setToolTip(tr("Find companies, contacts, onboardings and tasks"));

    m_popup->setObjectName(QStringLiteral("globalSearchResults"));
    m_popup->horizontalHeader()->hide();
    m_popup->verticalHeader()->hide();
    m_popup->setShowGrid(false);
    m_popup->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_popup->setWordWrap(false);
    m_popup->setMinimumWidth(520);
    // The model already holds only what matched: the completer shows it as it is, and (given
    // only a widget, not set on the line edit) never rewrites what the user typed.
    m_completer->setModel(m_model);
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setCompletionColumn(SearchResultModel::TitleColumn);
    m_completer->setMaxVisibleItems(12);
    m_completer->setPopup(m_popup);
    m_completer->setWidget(m_edit);
    m_popup->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit);

    m_typingTimer.setSingleShot(true);
    m_typingTimer.setInterval(kTypingPauseMs);
    connect(&m_typingTimer, &QTimer::timeout, this, &GlobalSearch::search);
    connect(m_edit, &QLineEdit::textEdited, this, [this] { m_typingTimer.start(); });
    connect(m_edit, &QLineEdit::returnPressed, this, [this] {
        // A row chosen in the popup is opened by the completer (after this); Enter in the
        // field alone opens the first hit.
        if (m_popup->isVisible() && m_popup->currentIndex().isValid()) {
            return;
        }
        search();
        openRow(0);
    });
    connect(m_completer, qOverload<const QModelIndex &>(&QCompleter::activated), this,
            [this](const QModelIndex &index) {
                openRow(m_model->rowOf(index.data(SearchResultModel::IdRole).toLongLong()));
            });
}

void GlobalSearch::search()
{
    m_typingTimer.stop();
    m_lastError.clear();
    const QList<SearchHit> hits
        = SearchService(*m_context.db).search(m_context.workspace.id, m_edit->text(), &m_lastError);
    m_model->setRows(hits);
    if (hits.isEmpty()) {
        m_popup->hide();
        return;
    }
    m_completer->complete(m_edit->rect());
}

bool GlobalSearch::openRow(int row)
{
    if (row < 0 || row >= m_model->rowCount()) {
        return false;
    }
    const SearchHit hit = m_model->rows().at(row);
    m_popup->hide();
    Q_EMIT openRequested(hit);
    return true;
}

} // namespace Gatehouse
