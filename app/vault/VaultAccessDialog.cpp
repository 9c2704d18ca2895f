#include "VaultAccessDialog.h"

#include "VaultSession.h"
#include "VaultUnlockDialog.h"
#include "core/MessageBox.h"
#include "storage/DirectoryRepository.h"
#include "vault/VaultService.h"
#include "widgets/ErrorLabel.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Gatehouse {

namespace {

constexpr int kStaffIdRole = Qt::UserRole;
constexpr int kActiveRole = Qt::UserRole + 1;

QString when(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat);
}

} // namespace

VaultAccessDialog::VaultAccessDialog(const ConsoleContext &context, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_list(new QTreeWidget(this))
    , m_grant(new QPushButton(tr("&Grant access"), this))
    , m_revoke(new QPushButton(tr("&Revoke access"), this))
    , m_error(new ErrorLabel(this))
{
    setObjectName(QStringLiteral("vaultAccessDialog"));
    setWindowTitle(tr("Vault access"));
    auto *intro = new QLabel(tr("Who may reveal the credentials clients hand over. Granting "
                                "needs the vault unlocked; the last access cannot be revoked."),
                             this);
    intro->setWordWrap(true);
    m_list->setObjectName(QStringLiteral("vaultAccessList"));
    m_list->setRootIsDecorated(false);
    m_list->setColumnCount(ColumnCount);
    m_list->setHeaderLabels({tr("Name"), tr("Email"), tr("Role"), tr("Access")});
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_grant->setObjectName(QStringLiteral("grantVaultAccess"));
    m_revoke->setObjectName(QStringLiteral("revokeVaultAccess"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_grant, QDialogButtonBox::ActionRole);
    buttons->addButton(m_revoke, QDialogButtonBox::ActionRole);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &VaultAccessDialog::updateButtons);
    connect(m_grant, &QPushButton::clicked, this, [this] {
        if (!m_context.vault) {
            return;
        }
        QPointer<VaultAccessDialog> self(this);
        VaultUnlockDialog::ensureUnlocked(*m_context.vault, this, [self] {
            if (self) {
                self->grantSelected();
            }
        });
    });
    connect(m_revoke, &QPushButton::clicked, this, &VaultAccessDialog::revokeSelected);
    reload();
    resize(680, 360);
}

void VaultAccessDialog::reload()
{
    const qint64 selected = selectedStaffId();
    QString dbError;
    const QList<StaffMember> staff
        = DirectoryRepository(*m_context.db).staffList(m_context.workspace.id, &dbError);
    ServiceError error;
    VaultService vault(*m_context.db, *m_context.clock);
    const QList<VaultGrant> grants = vault.grants(m_context.workspace.id, &error);
    m_list->clear();
    if (!dbError.isEmpty() || !error.message.isEmpty()) {
        m_error->showMessage(tr("Vault access could not be read: %1")
                                 .arg(dbError.isEmpty() ? error.message : dbError));
    }
    for (const StaffMember &member : staff) {
        // Grants come active first, newest first: the first one found says it all.
        const VaultGrant *latest = nullptr;
        for (const VaultGrant &grant : grants) {
            if (grant.staffId == member.id) {
                latest = &grant;
                break;
            }
        }
        const bool active = latest && latest->revokedAtMs == 0;
        QString access;
        if (active) {
            access = tr("Has access since %1").arg(when(latest->grantedAtMs));
        } else if (!vault.hasStaffKey(member.id, nullptr)) {
            access = tr("No vault key yet (made at their next sign-in)");
        } else if (latest) {
            access = tr("Revoked %1").arg(when(latest->revokedAtMs));
        } else {
            access = tr("No access");
        }
        auto *item = new QTreeWidgetItem(
            m_list, {member.name, member.email,
                     StaffRoles::fromKey(member.role)
                         ? StaffRoles::displayName(*StaffRoles::fromKey(member.role))
                         : tr("Staff"),
                     access});
        item->setData(NameColumn, kStaffIdRole, member.id);
        item->setData(NameColumn, kActiveRole, active);
        if (member.id == selected) {
            m_list->setCurrentItem(item);
        }
    }
    updateButtons();
}

bool VaultAccessDialog::selectStaff(qint64 staffId)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        if (item->data(NameColumn, kStaffIdRole).toLongLong() == staffId) {
            m_list->setCurrentItem(item);
            return true;
        }
    }
    return false;
}

qint64 VaultAccessDialog::selectedStaffId() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    return item ? item->data(NameColumn, kStaffIdRole).toLongLong() : 0;
}

void VaultAccessDialog::updateButtons()
{
    const QTreeWidgetItem *item = m_list->currentItem();
    const bool active = item && item->data(NameColumn, kActiveRole).toBool();
    m_grant->setEnabled(item && !active && m_context.vault);
    m_revoke->setEnabled(item && active);
}

void VaultAccessDialog::grantSelected()
{
    const qint64 staffId = selectedStaffId();
    if (staffId == 0 || !m_context.vault || !m_context.vault->isUnlocked()) {
        return;
    }
    m_error->hide();
    ServiceError error;
    if (!VaultService(*m_context.db, *m_context.clock)
             .grant(m_context.vault->key(), m_context.staff.id, staffId, &error)) {
        m_error->showMessage(error.message);
    }
    reload();
}

void VaultAccessDialog::revokeSelected()
{
    const QTreeWidgetItem *item = m_list->currentItem();
    const qint64 staffId = selectedStaffId();
    if (staffId == 0) {
        return;
    }
    if (MessageBox::question(this, tr("Revoke vault access"),
                             tr("%1 will no longer be able to reveal credentials. Revoke their "
                                "access?")
                                 .arg(item->text(NameColumn)))
        != QMessageBox::Yes) {
        return;
    }
    m_error->hide();
    ServiceError error;
    if (!VaultService(*m_context.db, *m_context.clock)
             .revoke(m_context.staff.id, staffId, &error)) {
        m_error->showMessage(error.message);
    }
    reload();
}

} // namespace Gatehouse
