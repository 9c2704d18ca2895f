#include "TwoStepDialog.h"

#include "security/QrCodeSvg.h"
#include "services/StaffTotpService.h"
#include "widgets/ErrorLabel.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QSvgRenderer>
#include <QVBoxLayout>

namespace Gatehouse {

namespace {

QPixmap pixmapOf(const QByteArray &svg, int side)
{
    QSvgRenderer renderer(svg);
    QPixmap pixmap(side, side);
    pixmap.fill(Qt::white);
    QPainter painter(&pixmap);
    renderer.render(&painter);
    return pixmap;
}

} // namespace

TwoStepDialog::TwoStepDialog(const ConsoleContext &context, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_pages(new QStackedWidget(this))
    , m_qr(new QLabel(this))
    , m_secret(new QLabel(this))
    , m_code(new QLineEdit(this))
    , m_confirm(new QPushButton(tr("&Turn on"), this))
    , m_codes(new QPlainTextEdit(this))
    , m_error(new ErrorLabel(this))
{
    setWindowTitle(tr("Two-step sign-in"));
    m_pages->addWidget(makeEnrolPage());
    m_pages->addWidget(makeDonePage());
    auto *alreadyOn = new QLabel(tr("Two-step sign-in is on for your account. If you lost your "
                                    "authenticator app, sign in with a recovery code and ask an "
                                    "administrator to reset it."),
                                 this);
    alreadyOn->setWordWrap(true);
    m_pages->addWidget(alreadyOn);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_confirm, &QPushButton::clicked, this, &TwoStepDialog::confirm);
    connect(m_code, &QLineEdit::returnPressed, this, &TwoStepDialog::confirm);
    start();
}

QWidget *TwoStepDialog::makeEnrolPage()
{
    auto *page = new QWidget(this);
    auto *intro = new QLabel(tr("Scan this code with an authenticator app (or type the key "
                                "below into it), then enter the 6-digit code it shows."),
                             page);
    intro->setWordWrap(true);
    m_qr->setObjectName(QStringLiteral("totpQr"));
    m_qr->setAccessibleName(tr("QR code for your authenticator app"));
    m_secret->setObjectName(QStringLiteral("totpSecret"));
    m_secret->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_code->setObjectName(QStringLiteral("totpCode"));
    m_code->setMaxLength(6);
    m_code->setPlaceholderText(tr("123456"));
    m_code->setAccessibleName(tr("Code from your authenticator app"));
    auto *row = new QHBoxLayout;
    row->addWidget(m_code);
    row->addWidget(m_confirm);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(intro);
    layout->addWidget(m_qr, 0, Qt::AlignHCenter);
    layout->addWidget(m_secret, 0, Qt::AlignHCenter);
    layout->addLayout(row);
    return page;
}

QWidget *TwoStepDialog::makeDonePage()
{
    auto *page = new QWidget(this);
    auto *intro = new QLabel(tr("Two-step sign-in is on. Keep these recovery codes somewhere "
                                "safe: each signs you in once without your phone. They are not "
                                "shown again."),
                             page);
    intro->setWordWrap(true);
    m_codes->setObjectName(QStringLiteral("recoveryCodes"));
    m_codes->setReadOnly(true);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(intro);
    layout->addWidget(m_codes);
    return page;
}

QString TwoStepDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void TwoStepDialog::start()
{
    StaffTotpService service(*m_context.db, *m_context.clock);
    ServiceError error;
    const std::optional<StaffTotpStatus> status = service.status(m_context.staff.id, &error);
    if (status && status->enabled) {
        m_pages->setCurrentIndex(AlreadyOnPage);
        return;
    }
    const std::optional<TotpEnrolment> enrolment
        = status ? service.startEnrolment(m_context.staff.id, &error) : std::nullopt;
    const std::optional<QByteArray> svg
        = enrolment ? QrCodeSvg::render(enrolment->uri) : std::nullopt;
    if (!enrolment) {
        m_error->showMessage(error.message);
        m_confirm->setEnabled(false);
        return;
    }
    m_secretText = enrolment->secret;
    m_secret->setText(tr("Key: %1").arg(m_secretText));
    if (svg) {
        m_qr->setPixmap(pixmapOf(*svg, 220));
    }
    m_pages->setCurrentIndex(EnrolPage);
}

bool TwoStepDialog::confirm()
{
    ServiceError error;
    const std::optional<QList<QString>> codes
        = StaffTotpService(*m_context.db, *m_context.clock)
              .confirmEnrolment(m_context.staff.id, m_code->text(), &error);
    if (!codes) {
        m_error->showMessage(error.message);
        m_code->selectAll();
        return false;
    }
    m_error->hide();
    m_codes->setPlainText(QStringList(codes->begin(), codes->end()).join(QLatin1Char('\n')));
    m_pages->setCurrentIndex(DonePage);
    return true;
}

} // namespace Gatehouse
