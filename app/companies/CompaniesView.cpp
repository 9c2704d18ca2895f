#include "CompaniesView.h"

#include "AccessLogDialog.h"
#include "BulkInviteDialog.h"
#include "ContactRolePicker.h"
#include "InviteResultPanel.h"
#include "NewCompanyDialog.h"
#include "NewContactDialog.h"
#include "PortalRolesDialog.h"
#include "core/MessageBox.h"
#include "core/PermissionGate.h"
#include "impersonation/ViewPortalAsAction.h"
#include "models/CompanyListModel.h"
#include "models/ContactListModel.h"
#include "services/InviteService.h"
#include "services/PortalAccessService.h"
#include "storage/DirectoryRepository.h"
#include "widgets/EmptyState.h"
#include "widgets/ErrorLabel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace Gatehouse {

namespace {

QTableView *makeTable(QAbstractItemModel *model, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setTabKeyNavigation(false);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 12);
    table->horizontalHeader()->setHighlightSections(false);
    return table;
}

QLabel *makeHeading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.15);
    label->setFont(font);
    label->setTextFormat(Qt::PlainText);
    return label;
}

} // namespace

CompaniesView::CompaniesView(const ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_companies(new CompanyListModel(this))
    , m_contacts(new ContactListModel(this))
    , m_companyTable(makeTable(m_companies, this))
    , m_contactTable(makeTable(m_contacts, this))
    , m_contactsHeading(makeHeading(tr("Contacts"), this))
    , m_newCompany(new QPushButton(tr("New company…"), this))
    , m_newOnboarding(new QPushButton(tr("Start onboarding…"), this))
    , m_newContact(new QPushButton(tr("New contact…"), this))
    , m_invite(new QPushButton(tr("Invite to portal"), this))
    , m_inviteAll(new QPushButton(tr("Invite all…"), this))
    , m_access(new QPushButton(tr("Turn portal access off"), this))
    , m_accessLog(new QPushButton(tr("Access log…"), this))
    , m_viewAsAction(new ViewPortalAsAction(context, this))
    , m_viewAs(new QPushButton(tr("View as…"), this))
    , m_rolePicker(new ContactRolePicker(context, this))
    , m_roles(new QPushButton(tr("Portal roles…"), this))
    , m_signInDefaults(new QPushButton(tr("Sign-in defaults…"), this))
    , m_invitePanel(new InviteResultPanel(this))
    , m_error(new ErrorLabel(this))
{
    m_companyTable->setObjectName(QStringLiteral("companyTable"));
    m_contactTable->setObjectName(QStringLiteral("contactTable"));
    m_companyTable->setAccessibleName(tr("Companies"));
    m_contactTable->setAccessibleName(tr("Contacts"));
    m_newCompany->setObjectName(QStringLiteral("newCompany"));
    m_newContact->setObjectName(QStringLiteral("newContact"));
    m_invite->setObjectName(QStringLiteral("inviteContact"));
    m_invite->setToolTip(tr("Email the contact a personal link to the portal"));
    m_inviteAll->setObjectName(QStringLiteral("inviteEveryone"));
    m_inviteAll->setToolTip(tr("Email a portal link to every contact of the company who has "
                               "portal access and has not been invited or signed in yet"));
    m_access->setObjectName(QStringLiteral("contactAccess"));
    m_accessLog->setObjectName(QStringLiteral("contactAccessLog"));
    m_accessLog->setToolTip(tr("When, from where and with what the contact used the portal"));
    m_viewAs->setObjectName(QStringLiteral("viewPortalAs"));
    m_viewAs->setToolTip(m_viewAsAction->toolTip());
    m_contactTable->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_contactTable->addAction(m_viewAsAction);
    m_newOnboarding->setToolTip(tr("Start an onboarding for this company"));
    m_roles->setObjectName(QStringLiteral("portalRoles"));
    m_roles->setToolTip(tr("Custom roles, and the role new contacts get"));
    m_signInDefaults->setObjectName(QStringLiteral("signInDefaults"));
    m_signInDefaults->setToolTip(tr("Whether new contacts get portal access, whether an "
                                    "authenticator app is required, and how long sign-ins last "
                                    "(Settings > Sign-in)"));

    QHeaderView *companyHeader = m_companyTable->horizontalHeader();
    companyHeader->setSectionResizeMode(CompanyListModel::NameColumn, QHeaderView::Stretch);
    companyHeader->setSectionResizeMode(CompanyListModel::ContactsColumn,
                                        QHeaderView::ResizeToContents);
    companyHeader->setSectionResizeMode(CompanyListModel::OnboardingsColumn,
                                        QHeaderView::ResizeToContents);
    QHeaderView *contactHeader = m_contactTable->horizontalHeader();
    contactHeader->setSectionResizeMode(ContactListModel::NameColumn, QHeaderView::Interactive);
    contactHeader->setSectionResizeMode(ContactListModel::EmailColumn, QHeaderView::Stretch);
    contactHeader->setSectionResizeMode(ContactListModel::PortalAccessColumn,
                                        QHeaderView::ResizeToContents);
    m_contactTable->setColumnWidth(ContactListModel::NameColumn, 180);

    m_companyEmpty = new EmptyState(
        m_companyTable, tr("No companies yet — add your first client with New company."), this);
    m_contactEmpty = new EmptyState(m_contactTable, QString(), this);

    auto *companyButtons = new QHBoxLayout;
    companyButtons->addWidget(m_newCompany);
    companyButtons->addWidget(m_newOnboarding);
    companyButtons->addWidget(m_inviteAll);
    companyButtons->addStretch();
    auto *companyPane = new QWidget(this);
    auto *companyLayout = new QVBoxLayout(companyPane);
    companyLayout->setContentsMargins(0, 0, 0, 0);
    companyLayout->addWidget(makeHeading(tr("Companies"), this));
    companyLayout->addWidget(m_companyEmpty, 1);
    companyLayout->addLayout(companyButtons);

    auto *contactButtons = new QHBoxLayout;
    contactButtons->addWidget(m_newContact);
    contactButtons->addWidget(m_invite);
    contactButtons->addWidget(m_access);
    contactButtons->addWidget(m_accessLog);
    contactButtons->addWidget(m_viewAs);
    contactButtons->addStretch();
    auto *contactPane = new QWidget(this);
    auto *contactLayout = new QVBoxLayout(contactPane);
    contactLayout->setContentsMargins(0, 0, 0, 0);
    contactLayout->addWidget(m_contactsHeading);
    contactLayout->addWidget(m_contactEmpty, 1);
    contactLayout->addLayout(contactButtons);
    contactLayout->addWidget(m_rolePicker);
    auto *defaults = new QHBoxLayout;
    defaults->addStretch();
    defaults->addWidget(m_signInDefaults);
    defaults->addWidget(m_roles);
    contactLayout->addLayout(defaults);
    contactLayout->addWidget(m_invitePanel);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    splitter->setHandleWidth(16);
    splitter->addWidget(companyPane);
    splitter->addWidget(contactPane);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 12);
    layout->addWidget(m_error);
    layout->addWidget(splitter, 1);

    connect(m_companyTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] {
                if (!m_restoring) {
                    m_invitePanel->hide();
                    loadContacts();
                }
            });
    connect(m_contactTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &CompaniesView::updateActions);
    connect(m_newCompany, &QPushButton::clicked, this, &CompaniesView::newCompany);
    connect(m_newContact, &QPushButton::clicked, this, &CompaniesView::newContact);
    connect(m_invite, &QPushButton::clicked, this, &CompaniesView::inviteSelectedContact);
    connect(m_inviteAll, &QPushButton::clicked, this, &CompaniesView::inviteEveryone);
    connect(m_access, &QPushButton::clicked, this, &CompaniesView::toggleSelectedContactAccess);
    connect(m_accessLog, &QPushButton::clicked, this, &CompaniesView::showAccessLog);
    connect(m_roles, &QPushButton::clicked, this, &CompaniesView::manageRoles);
    connect(m_signInDefaults, &QPushButton::clicked, this, &CompaniesView::signInSettingsRequested);
    connect(m_viewAs, &QPushButton::clicked, m_viewAsAction, &QAction::trigger);
    // clicked, not toggled: only a person's click changes the setting, not refresh().
    connect(m_newOnboarding, &QPushButton::clicked, this,
            [this] { Q_EMIT newOnboardingRequested(currentCompanyId()); });

    refresh();
}

void CompaniesView::refresh()
{
    QString error;
    const QList<Company> companies
        = DirectoryRepository(*m_context.db).companies(m_context.workspace.id, &error);
    if (!error.isEmpty()) {
        m_error->showMessage(tr("The companies could not be read: %1").arg(error));
        return;
    }
    m_error->hide();
    const qint64 current = currentCompanyId();
    m_restoring = true;
    m_companies->setRows(companies);
    if (currentCompanyId() != current) {
        selectCompany(current);
    }
    if (currentCompanyId() == 0 && m_companies->rowCount() > 0) {
        m_companyTable->setCurrentIndex(m_companies->index(0, 0));
    }
    m_restoring = false;
    m_companyEmpty->setEmpty(m_companies->rowCount() == 0);
    loadContacts();
}

void CompaniesView::loadContacts()
{
    const std::optional<Company> company = currentCompany();
    const qint64 currentContact = currentContactId();
    QList<Contact> contacts;
    if (company) {
        QString error;
        contacts = DirectoryRepository(*m_context.db).contacts(company->id, &error);
        if (!error.isEmpty()) {
            m_error->showMessage(tr("The contacts could not be read: %1").arg(error));
            return;
        }
    }
    m_contacts->setRows(contacts);
    if (currentContactId() != currentContact) {
        selectContact(currentContact);
    }
    m_contactsHeading->setText(company ? tr("Contacts at %1").arg(company->name) : tr("Contacts"));
    m_contactEmpty->setMessage(
        company ? tr("%1 has no contacts yet — add one with New contact.").arg(company->name)
                : tr("Select a company to see its contacts."));
    m_contactEmpty->setEmpty(contacts.isEmpty());
    updateActions();
}

void CompaniesView::updateActions()
{
    const bool hasCompany = currentCompanyId() != 0;
    m_newContact->setEnabled(hasCompany);
    m_newOnboarding->setEnabled(hasCompany);
    m_inviteAll->setEnabled(hasCompany);
    const QModelIndex contact = m_contactTable->currentIndex();
    const bool mayInvite
        = contact.isValid() && contact.data(ContactListModel::PortalAccessRole).toBool();
    m_invite->setEnabled(mayInvite);
    m_invite->setToolTip(contact.isValid() && !mayInvite
                             ? tr("Portal access is turned off for this contact.")
                             : tr("Email the contact a personal link to the portal"));
    m_access->setEnabled(contact.isValid());
    m_access->setText(contact.isValid() && !mayInvite ? tr("Turn portal access on")
                                                      : tr("Turn portal access off"));
    m_access->setToolTip(contact.isValid() && !mayInvite
                             ? tr("Let the contact be invited to the portal again")
                             : tr("End the contact's sessions and invitations, and refuse new "
                                  "ones"));
    m_accessLog->setEnabled(contact.isValid());
    m_viewAsAction->setContact(currentContact());
    m_viewAs->setEnabled(m_viewAsAction->isEnabled());
    m_rolePicker->setContact(currentContactId());
    // What the role may not do stays off, saying why; the services refuse it anyway.
    const std::pair<QWidget *, StaffPermission> gates[]
        = {{m_newCompany, StaffPermission::InviteContacts},
           {m_newContact, StaffPermission::InviteContacts},
           {m_invite, StaffPermission::InviteContacts},
           {m_inviteAll, StaffPermission::InviteContacts},
           {m_newOnboarding, StaffPermission::StartOnboardings},
           {m_access, StaffPermission::ManagePortalAccess},
           {m_roles, StaffPermission::ManagePortalAccess},
           {m_signInDefaults, StaffPermission::ManageSettings}};
    for (const auto &[widget, needs] : gates) {
        PermissionGate::apply(widget, m_context, needs);
    }
}

std::optional<Company> CompaniesView::currentCompany() const
{
    const int row = m_companies->rowOf(currentCompanyId());
    if (row < 0) {
        return std::nullopt;
    }
    return m_companies->rows().at(row);
}

std::optional<Contact> CompaniesView::currentContact() const
{
    const int row = m_contacts->rowOf(currentContactId());
    if (row < 0) {
        return std::nullopt;
    }
    return m_contacts->rows().at(row);
}

qint64 CompaniesView::currentCompanyId() const
{
    const QModelIndex index = m_companyTable->currentIndex();
    return index.isValid() ? index.data(CompanyListModel::IdRole).toLongLong() : 0;
}

qint64 CompaniesView::currentContactId() const
{
    const QModelIndex index = m_contactTable->currentIndex();
    return index.isValid() ? index.data(ContactListModel::IdRole).toLongLong() : 0;
}

bool CompaniesView::selectCompany(qint64 companyId)
{
    const int row = m_companies->rowOf(companyId);
    if (row < 0) {
        return false;
    }
    m_companyTable->setCurrentIndex(m_companies->index(row, 0));
    m_companyTable->scrollTo(m_companyTable->currentIndex());
    return true;
}

bool CompaniesView::selectContact(qint64 contactId)
{
    const int row = m_contacts->rowOf(contactId);
    if (row < 0) {
        return false;
    }
    m_contactTable->setCurrentIndex(m_contacts->index(row, 0));
    m_contactTable->scrollTo(m_contactTable->currentIndex());
    return true;
}

NewCompanyDialog *CompaniesView::newCompany()
{
    auto *dialog = new NewCompanyDialog(m_context, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &NewCompanyDialog::created, this, [this](qint64 id) {
        refresh();
        selectCompany(id);
    });
    dialog->open();
    return dialog;
}

NewContactDialog *CompaniesView::newContact()
{
    const std::optional<Company> company = currentCompany();
    if (!company) {
        return nullptr;
    }
    auto *dialog = new NewContactDialog(m_context, *company, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &NewContactDialog::created, this, [this](qint64 id) {
        refresh();
        selectContact(id);
    });
    dialog->open();
    return dialog;
}

bool CompaniesView::inviteSelectedContact()
{
    const std::optional<Contact> selected = currentContact();
    if (!selected) {
        return false;
    }
    const Contact &contact = *selected;
    ServiceError error;
    const std::optional<QString> link
        = InviteService(*m_context.db, *m_context.clock, m_context.publicUrl)
              .invite(contact.id, m_context.actor(), true, &error);
    if (!link) {
        MessageBox::warning(this, tr("Invitation not sent"),
                            tr("%1 could not be invited: %2").arg(contact.name, error.message));
        refresh(); // whatever changed meanwhile, show it
        return false;
    }
    m_invitePanel->showInvite(contact.name, contact.email, *link);
    Q_EMIT inviteQueued(contact.id);
    return true;
}

BulkInviteDialog *CompaniesView::inviteEveryone()
{
    const std::optional<Company> company = currentCompany();
    if (!company) {
        return nullptr;
    }
    ServiceError error;
    const std::optional<QList<qint64>> ids
        = InviteService(*m_context.db, *m_context.clock, m_context.publicUrl)
              .uninvitedContacts(company->id, &error);
    if (!ids) {
        MessageBox::warning(this, tr("Invitations not sent"),
                            tr("The contacts could not be read: %1").arg(error.message));
        return nullptr;
    }
    if (ids->isEmpty()) {
        MessageBox::information(this, tr("Invite everyone"),
                                tr("Everyone at %1 with portal access has been invited or has "
                                   "signed in already.")
                                    .arg(company->name));
        return nullptr;
    }
    if (MessageBox::question(this, tr("Invite everyone"),
                             tr("Email a portal invitation to %n contact(s) at %1 who have not "
                                "been invited or signed in yet?",
                                nullptr, int(ids->size()))
                                 .arg(company->name))
        != QMessageBox::Yes) {
        return nullptr;
    }
    auto *dialog = new BulkInviteDialog(m_context, company->name, *ids, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Each committed batch wakes the outbox, so sending starts while the rest is queued.
    connect(dialog, &BulkInviteDialog::batchQueued, this, [this] { Q_EMIT inviteQueued(0); });
    connect(dialog, &BulkInviteDialog::queuingFinished, this, [this] { loadContacts(); });
    dialog->open();
    dialog->start();
    return dialog;
}

bool CompaniesView::toggleSelectedContactAccess()
{
    const std::optional<Contact> contact = currentContact();
    if (!contact) {
        return false;
    }
    const bool on = !contact->portalAccess;
    if (!on
        && MessageBox::question(this, tr("Turn portal access off"),
                                tr("Turn portal access off for %1? Their sessions, pending "
                                   "sign-ins and invitations end at once.")
                                    .arg(contact->name))
               != QMessageBox::Yes) {
        return false;
    }
    ServiceError error;
    const bool changed = PortalAccessService(*m_context.db, *m_context.clock)
                             .setContactAccess(contact->id, on, m_context.actor(), &error);
    if (!changed) {
        MessageBox::warning(this, tr("Portal access not changed"),
                            tr("The portal access of %1 could not be changed: %2")
                                .arg(contact->name, error.message));
    }
    if (changed && !on) {
        m_invitePanel->hide(); // the link it shows is dead now
    }
    refresh();
    return changed;
}

AccessLogDialog *CompaniesView::showAccessLog()
{
    const std::optional<Contact> contact = currentContact();
    if (!contact) {
        return nullptr;
    }
    auto *dialog = new AccessLogDialog(m_context, *contact, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

PortalRolesDialog *CompaniesView::manageRoles()
{
    auto *dialog = new PortalRolesDialog(m_context, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PortalRolesDialog::rolesChanged, m_rolePicker, &ContactRolePicker::reload);
    dialog->open();
    return dialog;
}

} // namespace Gatehouse
