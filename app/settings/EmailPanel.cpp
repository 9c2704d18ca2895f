#include "EmailPanel.h"

#include "mail/MailComposer.h"
#include "mail/MailConfig.h"
#include "mail/MailPassword.h"
#include "services/MailConfigService.h"
#include "storage/DirectoryRepository.h"
#include "widgets/ErrorLabel.h"

#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QThread>
#include <QVBoxLayout>

#include <memory>

namespace Gatehouse {

namespace {

struct TestOutcome
{
    bool ok = false;
    QString text;
};

} // namespace

EmailPanel::EmailPanel(const ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_keychain(new MailPassword(this))
    , m_server(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_forgetPassword(new QPushButton(tr("&Forget password"), this))
    , m_passwordStatus(new QLabel(this))
    , m_fromAddress(new QLineEdit(this))
    , m_fromName(new QLineEdit(this))
    , m_save(new QPushButton(tr("&Save mail settings"), this))
    , m_testAddress(new QLineEdit(this))
    , m_test(new QPushButton(tr("Send &test mail"), this))
    , m_testResult(new QLabel(this))
    , m_override(new QLabel(this))
    , m_error(new ErrorLabel(this))
{
    setObjectName(QStringLiteral("emailPanel"));
    m_server->setPlaceholderText(tr("smtps://mail.example.com:465 — empty: the local mailbox"));
    m_server->setAccessibleName(tr("SMTP server"));
    m_user->setAccessibleName(tr("SMTP user"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("SMTP password"));
    m_password->setPlaceholderText(tr("Type to set or replace"));
    m_passwordStatus->setWordWrap(true);
    m_fromAddress->setPlaceholderText(tr("portal@your-msp.example"));
    m_fromAddress->setAccessibleName(tr("Sender address"));
    m_fromName->setAccessibleName(tr("Sender name"));
    m_save->setToolTip(tr("Save the mail settings (Ctrl+S)"));
    m_testAddress->setText(m_context.staff.email);
    m_testAddress->setAccessibleName(tr("Send the test mail to"));
    m_testResult->setObjectName(QStringLiteral("mailTestResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_testResult->setAccessibleName(tr("Test mail result"));
    m_override->setWordWrap(true);
    m_override->setVisible(!m_context.smtpFromCommandLine.isEmpty());
    m_override->setText(tr("This console was started with --smtp-url %1: it sends through that "
                           "server until it is started without it. Settings saved here apply to "
                           "portal servers and to the next start.")
                            .arg(m_context.smtpFromCommandLine));

    auto *passwordRow = new QHBoxLayout;
    passwordRow->addWidget(m_password, 1);
    passwordRow->addWidget(m_forgetPassword);
    auto *form = new QFormLayout;
    form->addRow(tr("SMTP se&rver:"), m_server);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Password:"), passwordRow);
    form->addRow(QString(), m_passwordStatus);
    form->addRow(tr("Sender &address:"), m_fromAddress);
    form->addRow(tr("Sender &name:"), m_fromName);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_testAddress, 1);
    testRow->addWidget(m_test);
    auto *testForm = new QFormLayout;
    testForm->addRow(tr("Test mail t&o:"), testRow);
    testForm->addRow(QString(), m_testResult);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_override);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_save, 0, Qt::AlignLeft);
    layout->addSpacing(12);
    layout->addLayout(testForm);
    layout->addStretch();

    connect(m_save, &QPushButton::clicked, this, &EmailPanel::save);
    connect(m_test, &QPushButton::clicked, this, &EmailPanel::sendTestMail);
    connect(m_testAddress, &QLineEdit::returnPressed, this, &EmailPanel::sendTestMail);
    connect(m_forgetPassword, &QPushButton::clicked, this, [this] {
        const MailConfig config = MailConfigService::trimmed(editedConfig());
        m_keychain->remove(config, [this, config](const Keychain::Result &result) {
            if (!result.ok()) {
                m_error->showMessage(result.message);
            }
            showPasswordStatus(config);
        });
    });
    auto *saveKey = new QShortcut(QKeySequence::Save, this);
    saveKey->setContext(Qt::WidgetWithChildrenShortcut);
    saveKey->setWhatsThis(tr("Save the mail settings"));
    connect(saveKey, &QShortcut::activated, this, &EmailPanel::save);
    reload();
}

MailConfig EmailPanel::editedConfig() const
{
    MailConfig config;
    config.smtpUrl = m_server->text();
    config.user = m_user->text();
    config.fromAddress = m_fromAddress->text();
    config.fromName = m_fromName->text();
    return config;
}

void EmailPanel::reload()
{
    ServiceError error;
    const std::optional<MailConfig> config
        = MailConfigService(*m_context.db, *m_context.clock).get(&error);
    if (!config) {
        m_error->showMessage(tr("The mail settings could not be read: %1").arg(error.message));
        return;
    }
    m_server->setText(config->smtpUrl);
    m_user->setText(config->user);
    m_password->clear();
    m_fromAddress->setText(config->fromAddress);
    m_fromName->setText(config->fromName);
    m_error->clear();
    showPasswordStatus(*config);
}

void EmailPanel::showPasswordStatus(const MailConfig &config)
{
    if (MailPassword::keyFor(config).isEmpty()) {
        m_passwordStatus->setText(tr("No password is needed without an SMTP user."));
        m_forgetPassword->setEnabled(false);
        return;
    }
    m_passwordStatus->setText(tr("Looking in the keychain…"));
    m_keychain->read(config, [this](const Keychain::Result &result, const QString &) {
        m_forgetPassword->setEnabled(result.ok());
        m_passwordStatus->setText(
            result.ok() ? tr("A password for this user and server is stored in the keychain.")
            : result.status == Keychain::Status::NotFound
                ? tr("No password for this user and server is stored yet.")
                : result.message);
    });
}

bool EmailPanel::save()
{
    const MailConfig config = MailConfigService::trimmed(editedConfig());
    ServiceError error;
    if (!MailConfigService(*m_context.db, *m_context.clock)
             .save(config, m_context.actor(), &error)) {
        m_error->showMessage(error.message);
        return false;
    }
    m_error->clear();
    if (m_password->text().isEmpty()) {
        applied(config);
        return true;
    }
    m_keychain->write(config, m_password->text(), [this, config](const Keychain::Result &result) {
        if (!result.ok()) {
            m_error->showMessage(
                tr("The settings are saved, but the password could not be stored: %1")
                    .arg(result.message));
            return;
        }
        m_password->clear();
        applied(config);
    });
    return true;
}

void EmailPanel::applied(const MailConfig &config)
{
    showPasswordStatus(config);
    m_keychain->read(config, [this, config](const Keychain::Result &, const QString &password) {
        Q_EMIT saved(config.settings(password, m_context.mailboxPath));
    });
}

void EmailPanel::sendTestMail()
{
    const MailConfig config = MailConfigService::trimmed(editedConfig());
    QString problem = MailConfigService::problem(config);
    const QString to = DirectoryRepository::normalisedEmail(m_testAddress->text());
    if (problem.isEmpty() && !DirectoryRepository::isValidEmail(to)) {
        problem = tr("Enter the address the test mail should go to.");
    }
    if (!problem.isEmpty()) {
        m_testResult->setText(problem);
        Q_EMIT testFinished(false);
        return;
    }
    m_test->setEnabled(false);
    m_testResult->setText(tr("Sending…"));
    if (!m_password->text().isEmpty() || MailPassword::keyFor(config).isEmpty()) {
        runTest(config.settings(m_password->text(), m_context.mailboxPath));
        return;
    }
    m_keychain->read(config, [this, config](const Keychain::Result &, const QString &password) {
        runTest(config.settings(password, m_context.mailboxPath));
    });
}

void EmailPanel::runTest(const MailSettings &settings)
{
    MailMessage message = MailComposer::testMail(
        m_context.workspace, DirectoryRepository::normalisedEmail(m_testAddress->text()),
        m_context.staff.name);
    const qint64 now = m_context.clock->nowMs();
    auto outcome = std::make_shared<TestOutcome>();
    // libcurl may wait up to a minute for a server: never in the window's thread.
    QThread *thread = QThread::create([settings, message, now, outcome] {
        QString error;
        if (settings.smtpUrl.isEmpty()) {
            outcome->ok = MailboxTransport(settings).send(message, now, &error);
            outcome->text = outcome->ok ? tr("Delivered to the local mailbox folder %1.")
                                              .arg(QDir::toNativeSeparators(settings.mailboxPath))
                                        : error;
            return;
        }
        SmtpTransport transport(settings);
        outcome->ok = transport.send(message, now, &error);
        outcome->text = outcome->ok
                            ? tr("The server accepted the test mail: %1").arg(transport.lastReply())
                            : error;
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    connect(thread, &QThread::finished, this, [this, outcome] {
        m_test->setEnabled(true);
        m_testResult->setText(outcome->text);
        Q_EMIT testFinished(outcome->ok);
    });
    thread->start();
}

} // namespace Gatehouse
