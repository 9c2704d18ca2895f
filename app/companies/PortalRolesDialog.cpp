#include "PortalRolesDialog.h"

#include "services/PortalRoleService.h"
#include "storage/PortalRoleRepository.h"
#include "widgets/ErrorLabel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace Gatehouse {

PortalRolesDialog::PortalRolesDialog(const ConsoleContext &context, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_list(new QListWidget(this))
    , m_name(new QLineEdit(this))
    , m_new(new QPushButton(tr("New role"), this))
    , m_save(new QPushButton(tr("Save role"), this))
    , m_remove(new QPushButton(tr("Remove role"), this))
    , m_default(new QComboBox(this))
    , m_error(new ErrorLabel(this))
{
    setWindowTitle(tr("Portal roles"));
    m_list->setObjectName(QStringLiteral("roleList"));
    m_list->setAccessibleName(tr("Roles"));
    m_name->setObjectName(QStringLiteral("roleName"));
    m_name->setMaxLength(PortalRoleService::kMaxNameLength);
    m_default->setObjectName(QStringLiteral("newContactsRole"));
    m_default->setToolTip(tr("The role contacts added from now on start with"));

    auto *permissions = new QGroupBox(tr("May"), this);
    auto *boxes = new QVBoxLayout(permissions);
    for (const PortalPermission permission : PortalRole::allPermissions()) {
        auto *box = new QCheckBox(PortalRole::displayName(permission), permissions);
        box->setObjectName(PortalRole::key(permission));
        boxes->addWidget(box);
        m_boxes.insert(permission, box);
    }
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    auto *editButtons = new QHBoxLayout;
    editButtons->addWidget(m_new);
    editButtons->addWidget(m_save);
    editButtons->addWidget(m_remove);
    editButtons->addStretch();
    auto *editor = new QVBoxLayout;
    editor->addLayout(form);
    editor->addWidget(permissions);
    editor->addLayout(editButtons);
    auto *panes = new QHBoxLayout;
    panes->addWidget(m_list, 1);
    panes->addLayout(editor, 2);

    auto *defaultRow = new QFormLayout;
    defaultRow->addRow(tr("New contacts get:"), m_default);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Built-in roles are fixed; create your own for anything "
                                    "else. A change applies to the contact's next request."),
                                 this));
    layout->addWidget(m_error);
    layout->addLayout(panes, 1);
    layout->addLayout(defaultRow);
    layout->addWidget(close);

    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::currentRowChanged, this, &PortalRolesDialog::showSelected);
    connect(m_new, &QPushButton::clicked, this, &PortalRolesDialog::startNewRole);
    connect(m_save, &QPushButton::clicked, this, &PortalRolesDialog::save);
    connect(m_remove, &QPushButton::clicked, this, &PortalRolesDialog::removeSelected);
    connect(m_default, &QComboBox::activated, this,
            [this](int index) { setNewContactsRole(m_default->itemData(index).toLongLong()); });
    reload();
    resize(640, 480);
}

void PortalRolesDialog::reload()
{
    const qint64 selected = selectedRoleId();
    QString error;
    PortalRoleRepository repository(*m_context.db);
    m_roles = repository.roles(&error);
    const std::optional<PortalRole> byDefault = repository.newContactsRole(&error);
    if (!error.isEmpty()) {
        m_error->showMessage(tr("The roles could not be read: %1").arg(error));
        return;
    }
    {
        const QSignalBlocker blocker(m_list);
        m_list->clear();
        for (const PortalRole &role : m_roles) {
            m_list->addItem(role.isCustom() ? role.name : tr("%1 (built in)").arg(role.name));
        }
    }
    {
        const QSignalBlocker blocker(m_default);
        m_default->clear();
        for (const PortalRole &role : m_roles) {
            m_default->addItem(role.name, role.id);
        }
        m_default->setCurrentIndex(byDefault ? m_default->findData(byDefault->id) : -1);
    }
    if (!selectRole(selected)) {
        showSelected();
    }
}

bool PortalRolesDialog::selectRole(qint64 roleId)
{
    for (int row = 0; row < m_roles.size(); ++row) {
        if (m_roles.at(row).id == roleId) {
            m_list->setCurrentRow(row);
            showSelected();
            return true;
        }
    }
    return false;
}

qint64 PortalRolesDialog::selectedRoleId() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < m_roles.size() ? m_roles.at(row).id : 0;
}

void PortalRolesDialog::showSelected()
{
    const int row = m_list->currentRow();
    const bool any = row >= 0 && row < m_roles.size();
    const bool custom = !any || m_roles.at(row).isCustom(); // nothing selected: a new draft
    m_name->setText(any ? m_roles.at(row).name : QString());
    m_name->setReadOnly(!custom);
    for (auto it = m_boxes.cbegin(); it != m_boxes.cend(); ++it) {
        it.value()->setChecked(any && m_roles.at(row).permissions.testFlag(it.key()));
        it.value()->setEnabled(custom);
    }
    m_save->setEnabled(custom);
    m_remove->setEnabled(any && custom);
}

void PortalRolesDialog::startNewRole()
{
    m_list->setCurrentRow(-1);
    showSelected();
    m_name->setFocus();
}

PortalPermissions PortalRolesDialog::checkedPermissions() const
{
    PortalPermissions permissions;
    for (auto it = m_boxes.cbegin(); it != m_boxes.cend(); ++it) {
        if (it.value()->isChecked()) {
            permissions |= it.key();
        }
    }
    return permissions;
}

bool PortalRolesDialog::save()
{
    PortalRoleService service(*m_context.db, *m_context.clock);
    ServiceError error;
    const qint64 selected = selectedRoleId();
    qint64 saved = 0;
    if (selected == 0) {
        const std::optional<qint64> id
            = service.createRole(m_name->text(), checkedPermissions(), m_context.actor(), &error);
        saved = id.value_or(0);
    } else if (service.updateRole(selected, m_name->text(), checkedPermissions(), m_context.actor(),
                                  &error)) {
        saved = selected;
    }
    if (saved == 0) {
        m_error->showMessage(tr("The role was not saved: %1").arg(error.message));
        return false;
    }
    m_error->hide();
    reload();
    selectRole(saved);
    Q_EMIT rolesChanged();
    return true;
}

bool PortalRolesDialog::removeSelected()
{
    const qint64 selected = selectedRoleId();
    if (selected == 0) {
        return false;
    }
    ServiceError error;
    if (!PortalRoleService(*m_context.db, *m_context.clock)
             .removeRole(selected, m_context.actor(), &error)) {
        m_error->showMessage(tr("The role was not removed: %1").arg(error.message));
        return false;
    }
    m_error->hide();
    m_list->setCurrentRow(-1);
    reload();
    Q_EMIT rolesChanged();
    return true;
}

bool PortalRolesDialog::setNewContactsRole(qint64 roleId)
{
    ServiceError error;
    const bool changed = PortalRoleService(*m_context.db, *m_context.clock)
                             .setNewContactsRole(roleId, m_context.actor(), &error);
    if (!changed) {
        m_error->showMessage(
            tr("The role for new contacts was not changed: %1").arg(error.message));
    } else {
        m_error->hide();
    }
    reload(); // the box shows what is stored, changed or not
    return changed;
}

QString PortalRolesDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

} // namespace Gatehouse
