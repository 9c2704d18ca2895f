#include "SetupAdminPage.h"

#include "security/PasswordHasher.h"
#include "services/WorkspaceSetup.h"
#include "widgets/ErrorLabel.h"

#include <QApplication>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace Gatehouse {

SetupAdminPage::SetupAdminPage(const Database &db, const Clock &clock, QWidget *parent)
    : QWizardPage(parent)
    , m_db(db)
    , m_clock(clock)
    , m_name(new QLineEdit(this))
    , m_email(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_confirmation(new QLineEdit(this))
    , m_error(new ErrorLabel(this))
{
    setTitle(tr("Your administrator account"));
    setSubTitle(tr("You sign in to the console with this email and password. You can add "
                   "colleagues later."));

    m_name->setObjectName(QStringLiteral("adminName"));
    m_name->setMaxLength(200);
    m_email->setObjectName(QStringLiteral("adminEmail"));
    m_email->setPlaceholderText(tr("you@example.com"));
    m_password->setObjectName(QStringLiteral("adminPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(
        tr("At least %n characters", nullptr, PasswordHasher::kMinimumLength));
    m_confirmation->setObjectName(QStringLiteral("adminPasswordConfirmation"));
    m_confirmation->setEchoMode(QLineEdit::Password);
    registerField(QStringLiteral("adminName*"), m_name);
    registerField(QStringLiteral("adminEmail*"), m_email);
    registerField(QStringLiteral("adminPassword*"), m_password);
    registerField(QStringLiteral("adminPasswordConfirmation*"), m_confirmation);

    auto *form = new QFormLayout;
    form->addRow(tr("Your &name:"), m_name);
    form->addRow(tr("&Email:"), m_email);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("&Confirm password:"), m_confirmation);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch();

    for (QLineEdit *edit : {m_name, m_email, m_password, m_confirmation}) {
        connect(edit, &QLineEdit::textEdited, m_error, &QLabel::hide);
    }
}

QString SetupAdminPage::adminEmail() const
{
    return m_email->text().trimmed();
}

QString SetupAdminPage::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void SetupAdminPage::showError(const QString &message, QLineEdit *focus)
{
    m_error->showMessage(message);
    if (focus) {
        focus->setFocus();
        focus->selectAll();
    }
}

bool SetupAdminPage::validatePage()
{
    if (m_workspaceId != 0) {
        return true; // created already; never twice
    }
    const QString password = m_password->text();
    if (password.size() < PasswordHasher::kMinimumLength) {
        showError(tr("The password must be at least %n characters long.", nullptr,
                     PasswordHasher::kMinimumLength),
                  m_password);
        return false;
    }
    const QString weakness = PasswordHasher::weakness(password);
    if (!weakness.isEmpty()) {
        showError(weakness, m_password);
        return false;
    }
    if (m_confirmation->text() != password) {
        showError(tr("The passwords do not match. Type the same password twice."), m_confirmation);
        return false;
    }
    QString error;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const qint64 id = WorkspaceSetup(m_db, m_clock)
                          .create(field(QStringLiteral("workspaceName")).toString(), m_name->text(),
                                  m_email->text(), password, &error);
    QApplication::restoreOverrideCursor();
    if (id == 0) {
        showError(error.isEmpty() ? tr("The workspace could not be created.")
                                  : tr("The workspace could not be created: %1").arg(error),
                  nullptr);
        return false;
    }
    m_workspaceId = id;
    return true;
}

} // namespace Gatehouse
