#include "OnboardingsView.h"

#include "NewOnboardingDialog.h"
#include "OnboardingDetailView.h"
#include "core/PermissionGate.h"
#include "models/OnboardingFilterProxy.h"
#include "models/OnboardingListModel.h"
#include "storage/OnboardingRepository.h"
#include "widgets/EmptyState.h"
#include "widgets/ErrorLabel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace Gatehouse {

OnboardingsView::OnboardingsView(const ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new OnboardingListModel(this))
    , m_proxy(new OnboardingFilterProxy(m_model, this))
    , m_search(new QLineEdit(this))
    , m_newButton(new QPushButton(tr("New onboarding…"), this))
    , m_table(new QTableView(this))
    , m_error(new ErrorLabel(this))
    , m_detail(new OnboardingDetailView(context, this))
{
    PermissionGate::apply(m_newButton, m_context, StaffPermission::StartOnboardings);
    m_search->setObjectName(QStringLiteral("onboardingSearch"));
    m_search->setAccessibleName(tr("Filter onboardings"));
    m_search->setPlaceholderText(tr("Search by company or name"));
    m_search->setClearButtonEnabled(true);
    m_newButton->setObjectName(QStringLiteral("newOnboarding"));
    m_newButton->setToolTip(tr("Start an onboarding for a company from a template (Ctrl+N)"));

    m_table->setObjectName(QStringLiteral("onboardingTable"));
    m_table->setAccessibleName(tr("Onboardings"));
    m_table->setTabKeyNavigation(false);
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 12);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(OnboardingListModel::CompanyColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(OnboardingListModel::NameColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(OnboardingListModel::StartDateColumn,
                                 QHeaderView::ResizeToContents);
    header->setSectionResizeMode(OnboardingListModel::ProgressColumn,
                                 QHeaderView::ResizeToContents);
    m_table->setColumnWidth(OnboardingListModel::CompanyColumn, 260);
    header->setSortIndicatorClearable(true);
    header->setSortIndicator(-1, Qt::AscendingOrder); // newest first, as read
    m_table->setSortingEnabled(true);

    m_empty = new EmptyState(m_table, QString(), this);

    auto *tools = new QHBoxLayout;
    tools->addWidget(m_search, 1);
    tools->addWidget(m_newButton);

    // The list above the detail, so the task tree gets the window's full width.
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("onboardingSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_empty);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setHandleWidth(14);
    splitter->setSizes({200, 600});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 12);
    layout->addLayout(tools);
    layout->addWidget(m_error);
    layout->addWidget(splitter, 1);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setSearchText(text.trimmed());
        updateEmptyState();
    });
    connect(m_newButton, &QPushButton::clicked, this, [this] { newOnboarding(); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &OnboardingsView::currentChanged);
    connect(m_detail, &OnboardingDetailView::taskChanged, this, &OnboardingsView::refresh);

    refresh();
}

void OnboardingsView::refresh()
{
    QString error;
    const QList<Onboarding> onboardings
        = OnboardingRepository(*m_context.db).list(m_context.workspace.id, &error);
    if (!error.isEmpty()) {
        m_error->showMessage(tr("The onboardings could not be read: %1").arg(error));
        return;
    }
    m_error->hide();
    const qint64 current = currentOnboardingId();
    m_restoring = true;
    m_model->setRows(onboardings);
    m_restoring = false;
    if (current != 0 && currentOnboardingId() != current && !selectOnboarding(current)) {
        m_detail->showOnboarding(0);
    }
    if (currentOnboardingId() == 0 && m_proxy->rowCount() > 0) {
        m_table->setCurrentIndex(m_proxy->index(0, 0));
    }
    m_detail->reload();
    updateEmptyState();
}

void OnboardingsView::updateEmptyState()
{
    if (m_model->rowCount() == 0) {
        m_empty->setMessage(tr("No onboardings yet — create one with New onboarding."));
        m_empty->setEmpty(true);
    } else if (m_proxy->rowCount() == 0) {
        m_empty->setMessage(tr("No onboarding matches “%1”.").arg(m_search->text().trimmed()));
        m_empty->setEmpty(true);
    } else {
        m_empty->setEmpty(false);
    }
}

qint64 OnboardingsView::currentOnboardingId() const
{
    const QModelIndex index = m_table->currentIndex();
    return index.isValid() ? index.data(OnboardingListModel::IdRole).toLongLong() : 0;
}

bool OnboardingsView::selectOnboarding(qint64 onboardingId)
{
    const int row = m_model->rowOf(onboardingId);
    if (row < 0) {
        return false;
    }
    QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid()) { // hidden by the search: show everything again
        m_search->clear();
        index = m_proxy->mapFromSource(m_model->index(row, 0));
    }
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
    return true;
}

void OnboardingsView::currentChanged()
{
    if (!m_restoring) {
        m_detail->showOnboarding(currentOnboardingId());
    }
}

NewOnboardingDialog *OnboardingsView::newOnboarding(qint64 companyId)
{
    auto *dialog = new NewOnboardingDialog(m_context, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (companyId != 0) {
        dialog->selectCompany(companyId);
    }
    connect(dialog, &NewOnboardingDialog::created, this, [this](qint64 id) {
        refresh();
        selectOnboarding(id);
    });
    dialog->open();
    return dialog;
}

} // namespace Gatehouse
