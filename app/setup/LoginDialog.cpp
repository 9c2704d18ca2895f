#include "LoginDialog.h"

#include "core/Clock.h"
#include "widgets/ErrorLabel.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Gatehouse {

LoginDialog::LoginDialog(const Database &db, const QString &workspaceName, QWidget *parent)
    : QDialog(parent)
    , m_db(db)
    , m_steps(new QStackedWidget(this))
    , m_email(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_code(new QLineEdit(this))
    , m_newPassword(new QLineEdit(this))
    , m_repeatPassword(new QLineEdit(this))
    , m_error(new ErrorLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Sign in to Gatehouse"));
    setMinimumWidth(420);
    m_steps->addWidget(makePasswordPage(workspaceName));
    m_steps->addWidget(makeCodePage());
    m_steps->addWidget(makeNewPasswordPage());
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Sign in"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Quit"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 16);
    layout->setSpacing(12);
    layout->addWidget(m_steps);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &LoginDialog::next);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *edit : {m_email, m_password, m_code, m_newPassword, m_repeatPassword}) {
        connect(edit, &QLineEdit::textChanged, this, &LoginDialog::updateButtons);
    }
    updateButtons();
}

QWidget *LoginDialog::makePasswordPage(const QString &workspaceName)
{
    auto *page = new QWidget(this);
    auto *heading = new QLabel(workspaceName, page);
    QFont headingFont = heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.4);
    headingFont.setBold(true);
    heading->setFont(headingFont);
    auto *intro = new QLabel(tr("Sign in with your staff account."), page);
    intro->setForegroundRole(QPalette::PlaceholderText);
    m_email->setObjectName(QStringLiteral("loginEmail"));
    m_email->setPlaceholderText(tr("you@example.com"));
    m_password->setObjectName(QStringLiteral("loginPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    auto *form = new QFormLayout;
    form->addRow(tr("&Email:"), m_email);
    form->addRow(tr("&Password:"), m_password);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(heading);
    layout->addWidget(intro);
    layout->addLayout(form);
    return page;
}

QWidget *LoginDialog::makeCodePage()
{
    auto *page = new QWidget(this);
    auto *intro = new QLabel(tr("Enter the 6-digit code your authenticator app shows, or one of "
                                "your recovery codes."),
                             page);
    intro->setWordWrap(true);
    m_code->setObjectName(QStringLiteral("loginCode"));
    m_code->setMaxLength(16);
    auto *form = new QFormLayout;
    form->addRow(tr("&Code:"), m_code);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(intro);
    layout->addLayout(form);
    return page;
}

QWidget *LoginDialog::makeNewPasswordPage()
{
    auto *page = new QWidget(this);
    auto *intro = new QLabel(tr("An administrator set your password. Choose your own now."), page);
    intro->setWordWrap(true);
    m_newPassword->setObjectName(QStringLiteral("loginNewPassword"));
    m_newPassword->setEchoMode(QLineEdit::Password);
    m_repeatPassword->setObjectName(QStringLiteral("loginRepeatPassword"));
    m_repeatPassword->setEchoMode(QLineEdit::Password);
    auto *form = new QFormLayout;
    form->addRow(tr("&New password:"), m_newPassword);
    form->addRow(tr("&Repeat it:"), m_repeatPassword);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(intro);
    layout->addLayout(form);
    return page;
}

void LoginDialog::setEmail(const QString &email)
{
    m_email->setText(email);
    if (!email.isEmpty()) {
        m_password->setFocus();
    }
}

QString LoginDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

LoginDialog::Step LoginDialog::step() const
{
    return static_cast<Step>(m_steps->currentIndex());
}

void LoginDialog::updateButtons()
{
    bool ready = false;
    switch (step()) {
    case PasswordStep:
        ready = !m_email->text().trimmed().isEmpty() && !m_password->text().isEmpty();
        break;
    case CodeStep:
        ready = !m_code->text().trimmed().isEmpty();
        break;
    case NewPasswordStep:
        ready = !m_newPassword->text().isEmpty() && !m_repeatPassword->text().isEmpty();
        break;
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ready);
}

void LoginDialog::next()
{
    switch (step()) {
    case PasswordStep:
        signIn();
        return;
    case CodeStep:
        checkCode();
        return;
    case NewPasswordStep:
        changePassword();
        return;
    }
}

void LoginDialog::signIn()
{
    ServiceError error;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    m_attempt = StaffAuthService(m_db, Clock::system())
                    .beginSignIn(m_email->text(), m_password->text(), QString(), &error);
    QApplication::restoreOverrideCursor();
    if (!m_attempt) {
        m_error->showMessage(error.message.isEmpty() ? tr("The email or password is not correct.")
                                                     : error.message);
        m_password->clear();
        m_password->setFocus();
        return;
    }
    m_typedPassword = m_password->text();
    m_password->clear();
    m_error->hide();
    if (m_attempt->finished) {
        finish();
        return;
    }
    m_steps->setCurrentIndex(CodeStep);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Continue"));
    m_code->setFocus();
    updateButtons();
}

void LoginDialog::checkCode()
{
    ServiceError error;
    const bool ok
        = StaffAuthService(m_db, Clock::system())
              .completeSignIn(*m_attempt, m_typedPassword, m_code->text(), QString(), &error);
    m_code->clear();
    if (!ok) {
        if (error.kind == ServiceError::Kind::RateLimited
            || error.kind == ServiceError::Kind::Conflict) {
            restart(error.message);
        } else {
            m_error->showMessage(error.message);
            m_code->setFocus();
        }
        return;
    }
    m_error->hide();
    finish();
}

void LoginDialog::finish()
{
    if (m_attempt->staff.mustChangePassword) {
        m_steps->setCurrentIndex(NewPasswordStep);
        m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Save and sign in"));
        m_newPassword->setFocus();
        updateButtons();
        return;
    }
    m_staff = m_attempt->staff;
    m_typedPassword.clear();
    accept();
}

void LoginDialog::changePassword()
{
    if (m_newPassword->text() != m_repeatPassword->text()) {
        m_error->showMessage(tr("The two passwords are not the same."));
        return;
    }
    if (m_newPassword->text() == m_typedPassword) {
        m_error->showMessage(tr("Choose a password other than the one you were given."));
        return;
    }
    ServiceError error;
    if (!StaffAuthService(m_db, Clock::system())
             .changePassword(m_attempt->staff.id, m_typedPassword, m_newPassword->text(), QString(),
                             &error)) {
        m_error->showMessage(error.message);
        return;
    }
    m_staff = m_attempt->staff;
    m_staff->mustChangePassword = false;
    m_typedPassword.clear();
    accept();
}

void LoginDialog::restart(const QString &why)
{
    m_attempt.reset();
    m_typedPassword.clear();
    m_steps->setCurrentIndex(PasswordStep);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Sign in"));
    m_error->showMessage(why);
    m_password->setFocus();
    updateButtons();
}

} // namespace Gatehouse
