#include "StaffPanel.h"

#include "AddStaffDialog.h"
#include "core/MessageBox.h"
#include "services/StaffService.h"
#include "widgets/ErrorLabel.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Gatehouse {

StaffPanel::StaffPanel(const ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_add(new QPushButton(tr("&Add member…"), this))
    , m_role(new QComboBox(this))
    , m_changeRole(new QPushButton(tr("Change &role"), this))
    , m_active(new QPushButton(tr("&Deactivate"), this))
    , m_resetTotp(new QPushButton(tr("Reset &two-step sign-in"), this))
    , m_error(new ErrorLabel(this))
{
    setObjectName(QStringLiteral("staffPanel"));
    m_table->setObjectName(QStringLiteral("staffTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("Name"), tr("Email"), tr("Role"), tr("Two-step"), tr("Last sign-in"), tr("Status")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Staff"));
    m_table->setTabKeyNavigation(false); // Tab leaves the table; arrows move within it
    m_role->setObjectName(QStringLiteral("staffRoleBox"));
    m_role->setAccessibleName(tr("New role"));
    for (const StaffRole role : StaffRoles::all()) {
        m_role->addItem(StaffRoles::displayName(role), StaffRoles::toKey(role));
    }
    m_resetTotp->setToolTip(tr("For a member who lost their phone: they sign in with their "
                               "password alone and may set two-step sign-in up again."));

    auto *intro = new QLabel(tr("Technicians work on onboardings; leads also change templates, "
                                "start onboardings and invite contacts; administrators also "
                                "manage staff and the workspace's settings."),
                             this);
    intro->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addStretch();
    buttons->addWidget(m_role);
    buttons->addWidget(m_changeRole);
    buttons->addWidget(m_active);
    buttons->addWidget(m_resetTotp);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_error);
    layout->addLayout(buttons);

    connect(m_add, &QPushButton::clicked, this, &StaffPanel::addMember);
    connect(m_changeRole, &QPushButton::clicked, this,
            [this] { changeRole(m_role->currentData().toString()); });
    connect(m_active, &QPushButton::clicked, this, &StaffPanel::toggleActive);
    connect(m_resetTotp, &QPushButton::clicked, this, &StaffPanel::resetTotp);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &StaffPanel::updateButtons);
    reload();
}

QString StaffPanel::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void StaffPanel::reload()
{
    const StaffAccount *current = selected();
    const qint64 keep = current ? current->member.id : 0;
    ServiceError error;
    const std::optional<QList<StaffAccount>> accounts
        = StaffService(*m_context.db, *m_context.clock).list(&error);
    if (!accounts) {
        m_error->showMessage(error.message);
        return;
    }
    m_accounts = *accounts;
    m_table->setRowCount(int(m_accounts.size()));
    for (int row = 0; row < m_accounts.size(); ++row) {
        const StaffAccount &account = m_accounts.at(row);
        const std::optional<StaffRole> role = StaffRoles::fromKey(account.member.role);
        const QString lastSignIn
            = account.lastSignInAt > 0 ? QLocale().toString(
                  QDateTime::fromMSecsSinceEpoch(account.lastSignInAt), QLocale::ShortFormat)
                                       : tr("Never");
        const QStringList cells = {account.member.name,
                                   account.member.email,
                                   role ? StaffRoles::displayName(*role) : account.member.role,
                                   account.totpEnabled ? tr("On") : tr("Off"),
                                   lastSignIn,
                                   account.member.active ? tr("Active") : tr("Deactivated")};
        for (int column = 0; column < ColumnCount; ++column) {
            m_table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
        }
        if (account.member.id == keep) {
            m_table->selectRow(row);
        }
    }
    m_table->resizeColumnsToContents();
    updateButtons();
}

const StaffAccount *StaffPanel::selected() const
{
    const int row = m_table->currentRow();
    const QList<QTableWidgetItem *> items = m_table->selectedItems();
    if (items.isEmpty() || row < 0 || row >= m_accounts.size()) {
        return nullptr;
    }
    return &m_accounts.at(row);
}

void StaffPanel::selectEmail(const QString &email)
{
    for (int row = 0; row < m_accounts.size(); ++row) {
        if (m_accounts.at(row).member.email == email) {
            m_table->selectRow(row);
            return;
        }
    }
}

void StaffPanel::updateButtons()
{
    const StaffAccount *account = selected();
    m_changeRole->setEnabled(account);
    m_active->setEnabled(account);
    m_resetTotp->setEnabled(account && account->totpEnabled);
    m_active->setText(account && !account->member.active ? tr("Re&activate") : tr("&Deactivate"));
    if (account) {
        const int index = m_role->findData(account->member.role);
        if (index >= 0) {
            m_role->setCurrentIndex(index);
        }
    }
}

bool StaffPanel::done(bool ok, const ServiceError &error)
{
    if (!ok) {
        m_error->showMessage(error.message);
        return false;
    }
    m_error->hide();
    reload();
    return true;
}

AddStaffDialog *StaffPanel::addMember()
{
    auto *dialog = new AddStaffDialog(m_context, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        reload();
        for (const StaffAccount &account : std::as_const(m_accounts)) {
            if (account.member.id == dialog->addedId()) {
                selectEmail(account.member.email);
                MessageBox::information(
                    this, tr("Member added"),
                    tr("%1 can now sign in as %2 with the password %3. They choose their own "
                       "password the first time they sign in.")
                        .arg(account.member.name, account.member.email, dialog->initialPassword()));
            }
        }
    });
    dialog->open();
    return dialog;
}

bool StaffPanel::changeRole(const QString &roleKey)
{
    const StaffAccount *account = selected();
    const std::optional<StaffRole> role = StaffRoles::fromKey(roleKey);
    if (!account || !role) {
        return false;
    }
    ServiceError error;
    const bool ok = StaffService(*m_context.db, *m_context.clock)
                        .setRole(account->member.id, *role, m_context.actor(), &error);
    return done(ok, error);
}

bool StaffPanel::toggleActive()
{
    const StaffAccount *account = selected();
    if (!account) {
        return false;
    }
    ServiceError error;
    const bool ok
        = StaffService(*m_context.db, *m_context.clock)
              .setActive(account->member.id, !account->member.active, m_context.actor(), &error);
    return done(ok, error);
}

bool StaffPanel::resetTotp()
{
    const StaffAccount *account = selected();
    if (!account) {
        return false;
    }
    if (MessageBox::question(this, tr("Reset two-step sign-in"),
                             tr("Turn off two-step sign-in for %1? They sign in with their "
                                "password alone until they set it up again.")
                                 .arg(account->member.name))
        != QMessageBox::Yes) {
        return false;
    }
    ServiceError error;
    const bool ok = StaffService(*m_context.db, *m_context.clock)
                        .resetTotp(account->member.id, m_context.actor(), &error);
    return done(ok, error);
}

} // namespace Gatehouse
