#pragma once

#include <QWizardPage>

class QLineEdit;

namespace Gatehouse {

class Clock;
class Database;
class ErrorLabel;

// Second page of the first run: the first administrator. Finishing it creates the workspace;
// anything refused is explained on the page and every field keeps what was typed.
class SetupAdminPage : public QWizardPage
{
    Q_OBJECT
public:
    SetupAdminPage(const Database &db, const Clock &clock, QWidget *parent = nullptr);

    bool validatePage() override;

    qint64 workspaceId() const { return m_workspaceId; }
    QString adminEmail() const;
    QString errorText() const;

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *emailEdit() const { return m_email; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *confirmationEdit() const { return m_confirmation; }

private:
    void showError(const QString &message, QLineEdit *focus);

    const Database &m_db;
    const Clock &m_clock;
    QLineEdit *m_name;
    QLineEdit *m_email;
    QLineEdit *m_password;
    QLineEdit *m_confirmation;
    ErrorLabel *m_error;
    qint64 m_workspaceId = 0;
};

} // namespace Gatehouse
