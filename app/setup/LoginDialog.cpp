#include "LoginDialog.h"

#include "core/Clock.h"
#include "services/StaffAuthService.h"
#include "widgets/ErrorLabel.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Gatehouse {

LoginDialog::LoginDialog(const Database &db, const QString &workspaceName, QWidget *parent)
    : QDialog(parent)
    , m_db(db)
    , m_email(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_error(new ErrorLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Sign in to Gatehouse"));
    setMinimumWidth(420);

    auto *heading = new QLabel(workspaceName, this);
    QFont headingFont = heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.4);
    headingFont.setBold(true);
    heading->setFont(headingFont);
    auto *intro = new QLabel(tr("Sign in with your staff account."), this);
    intro->setForegroundRole(QPalette::PlaceholderText);

    m_email->setObjectName(QStringLiteral("loginEmail"));
    m_email->setPlaceholderText(tr("you@example.com"));
    m_password->setObjectName(QStringLiteral("loginPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Sign in"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Quit"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Email:"), m_email);
    form->addRow(tr("&Password:"), m_password);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 16);
    layout->setSpacing(12);
    layout->addWidget(heading);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &LoginDialog::signIn);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_email, &QLineEdit::textChanged, this, &LoginDialog::updateButtons);
    connect(m_password, &QLineEdit::textChanged, this, &LoginDialog::updateButtons);
    updateButtons();
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

void LoginDialog::updateButtons()
{
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(!m_email->text().trimmed().isEmpty() && !m_password->text().isEmpty());
}

void LoginDialog::signIn()
{
    ServiceError error;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    m_staff = StaffAuthService(m_db, Clock::system())
                  .signIn(m_email->text(), m_password->text(), QString(), &error);
    QApplication::restoreOverrideCursor();
    if (!m_staff) {
        m_error->showMessage(error.message.isEmpty() ? tr("The email or password is not correct.")
                                                     : error.message);
        m_password->clear();
        m_password->setFocus();
        return;
    }
    accept();
}

} // namespace Gatehouse
