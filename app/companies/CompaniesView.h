#pragma once

#include "core/ConsoleContext.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;
class QTableView;

namespace Gatehouse {

class AccessLogDialog;
class BulkInviteDialog;
class ContactRolePicker;
class CompanyListModel;
class ContactListModel;
class EmptyState;
class ErrorLabel;
class InviteResultPanel;
class NewCompanyDialog;
class NewContactDialog;
class PortalRolesDialog;
class ViewPortalAsAction;

// Companies & contacts (CON-4): client companies, their contacts, portal invitations and access.
class CompaniesView : public QWidget
{
    Q_OBJECT
public:
    explicit CompaniesView(const ConsoleContext &context, QWidget *parent = nullptr);

    // Reads companies and the selected company's contacts again, keeping the selection.
    void refresh();
    // Both dialogs open without blocking; what they add is selected.
    NewCompanyDialog *newCompany();
    NewContactDialog *newContact();
    // Invites the selected contact and queues the invitation mail.
    bool inviteSelectedContact();
    // Invites every contact of the selected company not invited yet (after asking), in a
    // progress dialog opened without blocking; nullptr when there is no one to invite.
    BulkInviteDialog *inviteEveryone();
    // Turns the selected contact's portal access off (after asking: it ends their sessions) or
    // on again.
    bool toggleSelectedContactAccess();
    // The selected contact's access log, opened without blocking.
    AccessLogDialog *showAccessLog();
    // Custom portal roles and the role new contacts get (ACC-12), opened without blocking.
    PortalRolesDialog *manageRoles();

    bool selectCompany(qint64 companyId);
    bool selectContact(qint64 contactId);
    qint64 currentCompanyId() const;
    qint64 currentContactId() const;

    CompanyListModel *companyModel() const { return m_companies; }
    ContactListModel *contactModel() const { return m_contacts; }
    QTableView *companyTable() const { return m_companyTable; }
    QTableView *contactTable() const { return m_contactTable; }
    QPushButton *inviteButton() const { return m_invite; }
    QPushButton *inviteEveryoneButton() const { return m_inviteAll; }
    QPushButton *accessButton() const { return m_access; }
    QPushButton *accessLogButton() const { return m_accessLog; }
    InviteResultPanel *invitePanel() const { return m_invitePanel; }
    ContactRolePicker *rolePicker() const { return m_rolePicker; }
    QPushButton *rolesButton() const { return m_roles; }
    // "View portal as…" the selected contact (CON-7): context menu, button, Ctrl+Shift+V.
    ViewPortalAsAction *viewAsAction() const { return m_viewAsAction; }
    QPushButton *viewAsButton() const { return m_viewAs; }

Q_SIGNALS:
    // An invitation mail was queued; contactId 0 for a batch of several.
    void inviteQueued(qint64 contactId);
    void newOnboardingRequested(qint64 companyId);
    // The workspace-wide defaults for contacts live in Settings > Sign-in.
    void signInSettingsRequested();

private:
    void loadContacts();
    void updateActions();
    std::optional<Company> currentCompany() const;
    std::optional<Contact> currentContact() const;

    ConsoleContext m_context;
    CompanyListModel *m_companies;
    ContactListModel *m_contacts;
    QTableView *m_companyTable;
    QTableView *m_contactTable;
    EmptyState *m_companyEmpty;
    EmptyState *m_contactEmpty;
    QLabel *m_contactsHeading;
    QPushButton *m_newCompany;
    QPushButton *m_newOnboarding;
    QPushButton *m_newContact;
    QPushButton *m_invite;
    QPushButton *m_inviteAll;
    QPushButton *m_access;
    QPushButton *m_accessLog;
    ViewPortalAsAction *m_viewAsAction;
    QPushButton *m_viewAs;
    ContactRolePicker *m_rolePicker;
    QPushButton *m_roles;
    QPushButton *m_signInDefaults;
    InviteResultPanel *m_invitePanel;
    ErrorLabel *m_error;
    bool m_restoring = false;
};

} // namespace Gatehouse
