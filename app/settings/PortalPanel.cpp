#include "PortalPanel.h"

#include "core/EmbeddedPortalSettings.h"
#include "core/FileDialog.h"
#include "widgets/ErrorLabel.h"

#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace Gatehouse {

PortalPanel::PortalPanel(const ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_address(new QLineEdit(this))
    , m_certificate(new QLineEdit(this))
    , m_key(new QLineEdit(this))
    , m_save(new QPushButton(tr("&Save portal settings"), this))
    , m_status(new QLabel(this))
    , m_error(new ErrorLabel(this))
{
    setObjectName(QStringLiteral("portalPanel"));
    m_address->setPlaceholderText(
        tr("https://portal.example.com — empty: this computer's address"));
    m_address->setAccessibleName(tr("Portal address"));
    m_certificate->setPlaceholderText(tr("PEM file; empty: plain HTTP"));
    m_certificate->setAccessibleName(tr("TLS certificate file"));
    m_key->setPlaceholderText(tr("PEM file"));
    m_key->setAccessibleName(tr("TLS key file"));
    m_save->setToolTip(tr("Save the portal settings (Ctrl+S)"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *explanation = new QLabel(
        tr("Links in mail and invitations point to the portal address. Use it when clients reach "
           "this computer's portal through a name of its own or a reverse proxy. These settings "
           "belong to this computer and apply when Gatehouse next starts."),
        this);
    explanation->setWordWrap(true);
    const auto fileRow = [this](QLineEdit *edit, const QString &title) {
        auto *row = new QHBoxLayout;
        auto *choose = new QPushButton(tr("Choose…"), this);
        choose->setAccessibleName(title);
        connect(choose, &QPushButton::clicked, this,
                [this, edit, title] { this->choose(edit, title); });
        row->addWidget(edit, 1);
        row->addWidget(choose);
        return row;
    };
    auto *form = new QFormLayout;
    form->addRow(tr("Portal &address:"), m_address);
    auto *certificateLabel = new QLabel(tr("TLS &certificate:"), this);
    certificateLabel->setBuddy(m_certificate);
    form->addRow(certificateLabel, fileRow(m_certificate, tr("Choose the TLS certificate")));
    auto *keyLabel = new QLabel(tr("TLS &key:"), this);
    keyLabel->setBuddy(m_key);
    form->addRow(keyLabel, fileRow(m_key, tr("Choose the TLS key")));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(m_error);
    layout->addWidget(m_save, 0, Qt::AlignLeft);
    layout->addStretch();

    connect(m_save, &QPushButton::clicked, this, &PortalPanel::save);
    auto *saveKey = new QShortcut(QKeySequence::Save, this);
    saveKey->setContext(Qt::WidgetWithChildrenShortcut);
    saveKey->setWhatsThis(tr("Save the portal settings"));
    connect(saveKey, &QShortcut::activated, this, &PortalPanel::save);
    reload();
}

void PortalPanel::reload()
{
    const EmbeddedPortalSettings settings = EmbeddedPortalSettings::load();
    m_address->setText(settings.publicUrl);
    m_certificate->setText(settings.tlsCertificateFile);
    m_key->setText(settings.tlsKeyFile);
    m_status->setText(tr("Clients now reach the portal at %1.").arg(m_context.publicUrl));
    m_error->clear();
}

void PortalPanel::choose(QLineEdit *edit, const QString &title)
{
    const QString path = FileDialog::openFileName(
        this, title, QDir::homePath(), tr("PEM files (*.pem *.crt *.key);;All files (*)"));
    if (!path.isEmpty()) {
        edit->setText(QDir::toNativeSeparators(path));
    }
}

bool PortalPanel::save()
{
    EmbeddedPortalSettings settings;
    settings.publicUrl = m_address->text().trimmed();
    while (settings.publicUrl.endsWith(QLatin1Char('/'))) {
        settings.publicUrl.chop(1);
    }
    settings.tlsCertificateFile = QDir::fromNativeSeparators(m_certificate->text().trimmed());
    settings.tlsKeyFile = QDir::fromNativeSeparators(m_key->text().trimmed());
    QString error;
    if (!settings.save(&error)) {
        m_error->showMessage(error);
        return false;
    }
    m_error->clear();
    m_status->setText(tr("Saved. Clients now reach the portal at %1; restart Gatehouse to use "
                         "the new settings.")
                          .arg(m_context.publicUrl));
    return true;
}

} // namespace Gatehouse
