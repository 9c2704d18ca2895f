#pragma once

#include "PreviewBranding.h"

#include <QFrame>

class QLabel;
class QTimer;
class QWebEngineProfile;
class QWebEngineView;

namespace Gatehouse {

class PortalPreviewSchemeHandler;
class PreviewRequestGuard;

// The portal's sign-in page as clients will see it with the branding in the form, saved or
// not: the portal's own web client in a QWebEngineView with an off-the-record profile of its
// own, served by PortalPreviewSchemeHandler. It is a picture to look at: the page takes no
// clicks or typing (nothing there could work without a portal), while the frame takes the
// focus, has a name for screen readers, and scrolls the page with the arrow and page keys.
// Chromium starts when the preview is first shown; if it cannot, the frame says why.
class PortalPreview : public QFrame
{
    Q_OBJECT
public:
    static constexpr int kDebounceMs = 300;

    explicit PortalPreview(QWidget *parent = nullptr);
    ~PortalPreview() override;

    // Shows `branding` after a short pause, so typing does not reload the page on every key.
    void showBranding(const PreviewBranding &branding);
    // Ends the page and Chromium's use of it (the preview was switched off).
    void release();

    QWebEngineView *view() const { return m_view; }
    QWebEngineProfile *profile() const { return m_profile; }
    PortalPreviewSchemeHandler *schemeHandler() const { return m_handler; }
    QLabel *messageLabel() const { return m_message; }

Q_SIGNALS:
    // The page finished loading with the branding it was given (ok), or failed.
    void loaded(bool ok);

protected:
    void showEvent(QShowEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    void start();
    void refresh();
    void showProblem(const QString &text);
    void scrollPage(const QString &script);

    PortalPreviewSchemeHandler *m_handler;
    PreviewRequestGuard *m_guard;
    QWebEngineProfile *m_profile = nullptr; // deleted after the view's page, which uses it
    QWebEngineView *m_view = nullptr;
    QLabel *m_message;
    QTimer *m_debounce;
    PreviewBranding m_pending;
    bool m_unavailable = false; // Qt WebEngine cannot start here; the message says why
};

} // namespace Gatehouse
