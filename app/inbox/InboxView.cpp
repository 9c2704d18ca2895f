#include "InboxView.h"

#include "models/AuditModel.h"
#include "models/QuestionListModel.h"
#include "widgets/EmptyState.h"
#include "widgets/ErrorLabel.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace Gatehouse {

InboxView::InboxView(const ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new QuestionListModel(this))
    , m_view(new QTableView(this))
    , m_question(new QLabel(this))
    , m_answer(new QPlainTextEdit(this))
    , m_send(new QPushButton(tr("Send answer"), this))
    , m_error(new ErrorLabel(this))
{
    m_view->setObjectName(QStringLiteral("inbox"));
    m_view->setTabKeyNavigation(false);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setAccessibleName(tr("Questions from clients"));
    m_question->setWordWrap(true);
    m_question->setTextFormat(Qt::PlainText);
    m_question->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_question->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_answer->setPlaceholderText(tr("Your answer (Ctrl+Return sends it)"));
    m_answer->setAccessibleName(tr("Answer"));
    m_answer->setTabChangesFocus(true);
    m_send->setToolTip(tr("Send answer (Ctrl+Return)"));

    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_question);
    detailLayout->addWidget(m_answer, 1);
    detailLayout->addWidget(m_send, 0, Qt::AlignRight);
    detailLayout->addWidget(m_error);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(detail);
    auto *title = new QLabel(tr("Inbox"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setBold(true);
    title->setFont(titleFont);
    auto *page = new QWidget(this);
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->addWidget(title);
    pageLayout->addWidget(splitter, 1);
    auto *empty = new EmptyState(
        page, tr("No questions yet. When clients ask one in the portal, it lands here."), this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(empty);

    auto *send = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), m_answer);
    send->setContext(Qt::WidgetShortcut);
    send->setWhatsThis(tr("Send the answer"));
    connect(send, &QShortcut::activated, this, &InboxView::sendAnswer);
    connect(m_send, &QPushButton::clicked, this, &InboxView::sendAnswer);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &InboxView::showSelected);
    connect(m_model, &QAbstractItemModel::modelReset, this,
            [this, empty] { empty->setEmpty(m_model->rowCount() == 0); });
    refresh();
    empty->setEmpty(m_model->rowCount() == 0);
}

void InboxView::refresh()
{
    const Question *current = m_model->questionAt(m_view->currentIndex().siblingAtColumn(0));
    const qint64 currentId = current ? current->id : 0;
    QString error;
    m_model->setRows(
        QuestionService(*m_context.db, *m_context.clock).inbox(m_context.workspace.id, &error));
    if (!error.isEmpty()) {
        m_error->showMessage(tr("The inbox could not be read: %1").arg(error));
    }
    const int row = currentId ? m_model->rowOf(currentId) : -1;
    if (row >= 0) {
        m_view->setCurrentIndex(m_model->index(row, 0));
    } else if (m_model->rowCount() > 0 && !m_view->currentIndex().isValid()) {
        m_view->setCurrentIndex(m_model->index(0, 0));
    }
    m_view->resizeColumnsToContents();
    Q_EMIT openCountChanged(m_model->openCount());
}

bool InboxView::selectQuestion(qint64 questionId)
{
    const int row = m_model->rowOf(questionId);
    if (row < 0) {
        return false;
    }
    m_view->setCurrentIndex(m_model->index(row, 0));
    m_view->scrollTo(m_view->currentIndex());
    m_answer->setFocus();
    return true;
}

void InboxView::showSelected()
{
    const Question *question = m_model->questionAt(m_view->currentIndex().siblingAtColumn(0));
    m_error->clear();
    if (!question) {
        m_question->clear();
        m_answer->clear();
        m_answer->setEnabled(false);
        m_send->setEnabled(false);
        return;
    }
    QString text
        = tr("%1 (%2) asked on %3%4:\n\n%5")
              .arg(question->askedBy, question->company,
                   AuditModel::timeText(question->createdAtMs),
                   question->onboarding.isEmpty() ? QString()
                                                  : tr(" about \"%1\"").arg(question->onboarding),
                   question->body);
    const bool open = question->answeredAtMs == 0;
    if (!open) {
        text += tr("\n\n%1 answered on %2:\n\n%3")
                    .arg(question->answeredBy, AuditModel::timeText(question->answeredAtMs),
                         question->answer);
    }
    m_question->setText(text);
    m_answer->setEnabled(open);
    m_send->setEnabled(open);
    if (!open) {
        m_answer->clear();
    }
}

bool InboxView::sendAnswer()
{
    const Question *question = m_model->questionAt(m_view->currentIndex().siblingAtColumn(0));
    if (!question) {
        return false;
    }
    ServiceError error;
    if (!QuestionService(*m_context.db, *m_context.clock, m_context.publicUrl)
             .answerAsStaff(question->id, m_answer->toPlainText(), m_context.actor(), &error)) {
        m_error->showMessage(error.message);
        return false;
    }
    m_answer->clear();
    refresh();
    showSelected();
    return true;
}

} // namespace Gatehouse
