#include "PortalPreview.h"

#include "PortalPreviewSchemeHandler.h"
#include "PreviewRequestGuard.h"
#include "core/ConsoleLogging.h"
#include "core/WebEngineAvailability.h"

#include <QKeyEvent>
#include <QLabel>
#include <QStyleOptionFocusRect>
#include <QStylePainter>
#include <QTimer>
#include <QVBoxLayout>
#include <QWebEnginePage>
#include <QWebEngineProfile>
#include <QWebEngineScript>
#include <QWebEngineScriptCollection>
#include <QWebEngineSettings>
#include <QWebEngineView>

namespace Gatehouse {

namespace {

constexpr int kFocusMargin = 3; // room around the page for the focus frame

QString terminationText(QWebEnginePage::RenderProcessTerminationStatus status, int exitCode)
{
    switch (status) {
    case QWebEnginePage::NormalTerminationStatus:
        return PortalPreview::tr("the page's process ended (exit code %1)").arg(exitCode);
    case QWebEnginePage::AbnormalTerminationStatus:
        return PortalPreview::tr("the page's process ended abnormally (exit code %1)")
            .arg(exitCode);
    case QWebEnginePage::CrashedTerminationStatus:
        return PortalPreview::tr("the page's process crashed");
    case QWebEnginePage::KilledTerminationStatus:
        return PortalPreview::tr("the page's process was killed");
    }
    return QString();
}

#if QT_VERSION < QT_VERSION_CHECK(6, 6, 0)
// Qt WebEngine before 6.6 cannot let a custom scheme use the Fetch API (FetchApiAllowed came in
// 6.6), and the portal's client fetches. Same-origin XMLHttpRequest works there, so the preview
// gives the page a fetch() made of it: the portal's own scripts run unchanged.
QWebEngineScript fetchForCustomScheme()
{
    QWebEngineScript script;
    script.setName(QStringLiteral("gatehouse-preview-fetch"));
    script.setInjectionPoint(QWebEngineScript::DocumentCreation);
    script.setWorldId(QWebEngineScript::MainWorld);
    script.setRunsOnSubFrames(false);
    script.setSourceCode(QStringLiteral(R"JS(
(function () {
    window.fetch = function (input, init) {
        var options = init || {};
        return new Promise(function (resolve, reject) {
            var xhr = new XMLHttpRequest();
            xhr.open(options.method || "GET", String(input));
            var headers = options.headers || {};
            Object.keys(headers).forEach(function (name) {
                xhr.setRequestHeader(name, headers[name]);
            });
            xhr.onload = function () {
                var text = xhr.responseText;
                resolve({
                    ok: xhr.status >= 200 && xhr.status < 300,
                    status: xhr.status,
                    text: function () { return Promise.resolve(text); },
                    json: function () { return Promise.resolve(JSON.parse(text)); }
                });
            };
            xhr.onerror = function () { reject(new TypeError("Failed to fetch")); };
            xhr.send(options.body === undefined ? null : options.body);
        });
    };
})();
)JS"));
    return script;
}
#endif

} // namespace

PortalPreview::PortalPreview(QWidget *parent)
    : QFrame(parent)
    , m_handler(new PortalPreviewSchemeHandler(this))
    , m_guard(new PreviewRequestGuard(this))
    , m_message(new QLabel(tr("Starting the preview…"), this))
    , m_debounce(new QTimer(this))
{
    setObjectName(QStringLiteral("portalPreview"));
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Portal preview"));
    setAccessibleDescription(tr("The portal's sign-in page as clients will see it with this "
                                "branding, before it is saved. Arrow and page keys scroll it."));
    setFrameShape(QFrame::StyledPanel);
    setMinimumSize(320, 360);
    m_message->setObjectName(QStringLiteral("portalPreviewMessage"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(kFocusMargin, kFocusMargin, kFocusMargin, kFocusMargin);
    layout->addWidget(m_message);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &PortalPreview::refresh);
}

PortalPreview::~PortalPreview()
{
    release();
}

void PortalPreview::showBranding(const PreviewBranding &branding)
{
    m_pending = branding;
    m_debounce->start();
}

void PortalPreview::release()
{
    m_debounce->stop();
    // The page must go before its profile.
    delete m_view;
    m_view = nullptr;
    delete m_profile;
    m_profile = nullptr;
    m_unavailable = false; // asked again when shown again
    m_message->setText(tr("Starting the preview…"));
    m_message->show();
}

void PortalPreview::showEvent(QShowEvent *event)
{
    QFrame::showEvent(event);
    if (!m_view && !m_unavailable) {
        start();
    }
}

void PortalPreview::start()
{
    const QString problem = WebEngineAvailability::problem();
    if (!problem.isEmpty()) {
        m_unavailable = true;
        showProblem(tr("No preview: %1 The branding can still be edited and saved.").arg(problem));
        return;
    }
    // No storage name: off the record, nothing written to disk or shared with another view.
    m_profile = new QWebEngineProfile(static_cast<QObject *>(nullptr));
    m_profile->installUrlSchemeHandler(PortalPreviewSchemeHandler::schemeName(), m_handler);
    m_profile->setUrlRequestInterceptor(m_guard);
    m_profile->setHttpCacheType(QWebEngineProfile::NoCache);
    m_view = new QWebEngineView(this);
    m_view->setObjectName(QStringLiteral("portalPreviewView"));
    m_view->setPage(new QWebEnginePage(m_profile, m_view));
#if QT_VERSION < QT_VERSION_CHECK(6, 6, 0)
    m_view->page()->scripts().insert(fetchForCustomScheme());
#endif
    m_view->settings()->setAttribute(QWebEngineSettings::FocusOnNavigationEnabled, false);
    // A picture of the page: clicks and keys stay out of it (the frame scrolls it instead).
    m_view->setEnabled(false);
    m_view->setContextMenuPolicy(Qt::NoContextMenu);
    m_view->hide();
    layout()->addWidget(m_view);
    connect(m_view, &QWebEngineView::loadFinished, this, [this](bool ok) {
        if (!ok) {
            showProblem(tr("The preview could not show the portal's page."));
        } else {
            m_message->hide();
            m_view->show();
        }
        Q_EMIT loaded(ok);
    });
    connect(m_view->page(), &QWebEnginePage::renderProcessTerminated, this,
            [this](QWebEnginePage::RenderProcessTerminationStatus status, int exitCode) {
                showProblem(tr("The preview stopped: %1. The branding can still be edited and "
                               "saved.")
                                .arg(terminationText(status, exitCode)));
            });
    m_debounce->stop();
    refresh();
}

void PortalPreview::refresh()
{
    m_handler->setBranding(m_pending);
    if (!m_view) {
        return; // shown when the preview starts
    }
    // A fresh load rather than a script in the page: the page renders the branding exactly as
    // the portal does, from its own GET /api/v1/branding.
    m_view->load(PortalPreviewSchemeHandler::startUrl());
}

void PortalPreview::showProblem(const QString &text)
{
    qCWarning(lcConsole).noquote() << "branding preview:" << text;
    if (m_view) {
        m_view->hide();
    }
    m_message->setText(text);
    m_message->show();
}

void PortalPreview::scrollPage(const QString &script)
{
    if (m_view && m_view->isVisible()) {
        m_view->page()->runJavaScript(script);
    }
}

void PortalPreview::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Up:
        scrollPage(QStringLiteral("window.scrollBy(0, -40)"));
        break;
    case Qt::Key_Down:
        scrollPage(QStringLiteral("window.scrollBy(0, 40)"));
        break;
    case Qt::Key_PageUp:
        scrollPage(QStringLiteral("window.scrollBy(0, -0.9 * window.innerHeight)"));
        break;
    case Qt::Key_PageDown:
    case Qt::Key_Space:
        scrollPage(QStringLiteral("window.scrollBy(0, 0.9 * window.innerHeight)"));
        break;
    case Qt::Key_Home:
        scrollPage(QStringLiteral("window.scrollTo(0, 0)"));
        break;
    case Qt::Key_End:
        scrollPage(QStringLiteral("window.scrollTo(0, document.body.scrollHeight)"));
        break;
    default:
        QFrame::keyPressEvent(event);
        return;
    }
    event->accept();
}

void PortalPreview::paintEvent(QPaintEvent *event)
{
    QFrame::paintEvent(event);
    if (!hasFocus()) {
        return;
    }
    QStylePainter painter(this);
    QStyleOptionFocusRect option;
    option.initFrom(this);
    option.rect = rect();
    painter.drawPrimitive(QStyle::PE_FrameFocusRect, option);
}

void PortalPreview::focusInEvent(QFocusEvent *event)
{
    QFrame::focusInEvent(event);
    update();
}

void PortalPreview::focusOutEvent(QFocusEvent *event)
{
    QFrame::focusOutEvent(event);
    update();
}

} // namespace Gatehouse
