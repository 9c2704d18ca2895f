#include "ImpersonationWindow.h"

#include "core/ConsoleLogging.h"
#include "core/MessageBox.h"

#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QNetworkCookie>
#include <QPushButton>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>
#include <QWebEngineCookieStore>
#include <QWebEnginePage>
#include <QWebEngineProfile>
#include <QWebEngineView>

namespace Gatehouse {

namespace {

QString portalRoot(const QString &publicUrl)
{
    QString root = publicUrl;
    while (root.endsWith(QLatin1Char('/'))) {
        root.chop(1);
    }
    return root + QLatin1Char('/');
}

} // namespace

ImpersonationWindow::ImpersonationWindow(const ConsoleContext &context, const Contact &contact,
                                         const StartedImpersonation &started, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_context(context)
    , m_contact(contact)
    , m_started(started)
    , m_profile(
          new QWebEngineProfile(static_cast<QObject *>(nullptr))) // no storage name: off the record
    , m_view(new QWebEngineView(this))
    , m_timeLeft(new QLabel(this))
    , m_end(new QPushButton(tr("&End view"), this))
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("impersonationWindow"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Portal as %1").arg(contact.name));
    m_view->setObjectName(QStringLiteral("impersonationView"));
    m_timeLeft->setObjectName(QStringLiteral("impersonationTimeLeft"));
    m_end->setObjectName(QStringLiteral("impersonationEnd"));
    m_end->setToolTip(tr("End the view and its portal session"));

    auto *who = new QLabel(
        started.readOnly
            ? tr("Viewing the portal as %1 <%2>, read-only").arg(contact.name, contact.email)
            : tr("Viewing the portal as %1 <%2>, acting for them").arg(contact.name, contact.email),
        this);
    who->setObjectName(QStringLiteral("impersonationWho"));
    who->setTextFormat(Qt::PlainText);
    QFont bold = who->font();
    bold.setBold(true);
    who->setFont(bold);
    auto *header = new QHBoxLayout;
    header->addWidget(who, 1);
    header->addWidget(m_timeLeft);
    header->addWidget(m_end);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addLayout(header);
    layout->addWidget(m_view, 1);

    // The token goes into this profile's cookie store for the portal's origin, exactly as the
    // portal would set it (HttpOnly, and __Host- with Secure on TLS); never into a URL.
    const QUrl root(portalRoot(context.publicUrl));
    const bool secure = root.scheme() == QLatin1String("https");
    QNetworkCookie cookie(secure ? QByteArrayLiteral("__Host-gh_session")
                                 : QByteArrayLiteral("gh_session"),
                          started.token.toLatin1());
    cookie.setPath(QStringLiteral("/"));
    cookie.setHttpOnly(true);
    cookie.setSecure(secure);
    m_profile->cookieStore()->setCookie(cookie, root);
    m_view->setPage(new QWebEnginePage(m_profile, m_view));
    m_view->load(root);

    connect(m_end, &QPushButton::clicked, this, &ImpersonationWindow::endView);
    connect(m_timer, &QTimer::timeout, this, &ImpersonationWindow::tick);
    m_timer->start(1000);
    tick();
    resize(1100, 800);
}

ImpersonationWindow::~ImpersonationWindow()
{
    finish(ImpersonationEnd::Closed, false);
    // The page must go before its profile.
    delete m_view;
    delete m_profile;
}

void ImpersonationWindow::endView()
{
    finish(ImpersonationEnd::Closed);
    close();
}

void ImpersonationWindow::closeEvent(QCloseEvent *event)
{
    finish(ImpersonationEnd::Closed);
    event->accept();
}

void ImpersonationWindow::tick()
{
    const qint64 left = m_started.expiresAtMs - m_context.clock->nowMs();
    if (left <= 0) {
        finish(ImpersonationEnd::Expired);
        close();
        return;
    }
    const qint64 seconds = (left + 999) / 1000;
    m_timeLeft->setText(
        tr("%1:%2 left").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0')));
}

void ImpersonationWindow::finish(ImpersonationEnd how, bool tellStaff)
{
    if (m_ended) {
        return;
    }
    m_ended = true;
    m_timer->stop();
    // Blank first: whatever happens to the session, the page shows nothing more.
    m_view->setHtml(QString());
    m_profile->cookieStore()->deleteAllCookies();
    m_timeLeft->setText(how == ImpersonationEnd::Expired ? tr("Time is up") : tr("Ended"));
    m_end->setEnabled(false);
    ServiceError error;
    if (!ImpersonationService(*m_context.db, *m_context.clock).end(m_started.id, how, &error)) {
        qCWarning(lcConsole).noquote() << "view of the portal not ended:" << error.message;
        if (tellStaff) {
            MessageBox::warning(this, tr("View not ended"),
                                tr("The view of the portal as %1 could not be ended: %2. Its "
                                   "session ends by itself at its time limit.")
                                    .arg(m_contact.name, error.message));
        }
    }
    Q_EMIT ended(how);
}

} // namespace Gatehouse
