#include "AccessLogDialog.h"

#include "models/AccessLogModel.h"
#include "storage/AccessRepository.h"
#include "widgets/EmptyState.h"
#include "widgets/ErrorLabel.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTableView>
#include <QVBoxLayout>

namespace Gatehouse {

AccessLogDialog::AccessLogDialog(const ConsoleContext &context, const Contact &contact,
                                 QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_contact(contact)
    , m_model(new AccessLogModel(this))
    , m_table(new QTableView(this))
    , m_error(new ErrorLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    setWindowTitle(tr("Access log of %1").arg(contact.name));
    setObjectName(QStringLiteral("accessLogDialog"));
    m_table->setObjectName(QStringLiteral("accessLogTable"));
    m_table->setAccessibleName(tr("Access log"));
    m_table->setTabKeyNavigation(false);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(AccessLogModel::TimeColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(AccessLogModel::KindColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(AccessLogModel::IpColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(AccessLogModel::UserAgentColumn, QHeaderView::Stretch);
    m_empty
        = new EmptyState(m_table, tr("%1 has not used the portal yet.").arg(contact.name), this);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_error);
    layout->addWidget(m_empty, 1);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(760, 420);
    reload();
}

void AccessLogDialog::reload()
{
    QString error;
    const QList<PortalAccess> rows
        = AccessRepository(*m_context.db).accesses(m_contact.id, kMaxRows, &error);
    if (!error.isEmpty()) {
        m_error->showMessage(tr("The access log could not be read: %1").arg(error));
        return;
    }
    m_error->hide();
    m_model->setRows(rows);
    m_empty->setEmpty(rows.isEmpty());
}

QString AccessLogDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

} // namespace Gatehouse
