#pragma once

#include "core/ConsoleContext.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;
class QTableView;

namespace Gatehouse {

class CompanyListModel;
class ContactListModel;
class EmptyState;
class ErrorLabel;
class InviteResultPanel;
class NewCompanyDialog;
class NewContactDialog;

// Companies & contacts (CON-4): client companies, their contacts, and portal invitations.
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

    bool selectCompany(qint64 companyId);
    bool selectContact(qint64 contactId);
    qint64 currentCompanyId() const;
    qint64 currentContactId() const;

    CompanyListModel *companyModel() const { return m_companies; }
    ContactListModel *contactModel() const { return m_contacts; }
    QTableView *companyTable() const { return m_companyTable; }
    QTableView *contactTable() const { return m_contactTable; }
    QPushButton *inviteButton() const { return m_invite; }
    InviteResultPanel *invitePanel() const { return m_invitePanel; }

Q_SIGNALS:
    // An invitation mail was queued.
    void inviteQueued(qint64 contactId);
    void newOnboardingRequested(qint64 companyId);

private:
    void loadContacts();
    void updateActions();
    std::optional<Company> currentCompany() const;

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
    InviteResultPanel *m_invitePanel;
    ErrorLabel *m_error;
    bool m_restoring = false;
};

} // namespace Gatehouse
