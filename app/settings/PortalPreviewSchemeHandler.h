#pragma once

#include "PreviewBranding.h"

#include <QByteArray>
#include <QUrl>
#include <QWebEngineUrlSchemeHandler>

#include <memory>

namespace Gatehouse {

class PortalTranslations;

// The portal's web client, served to the branding preview from the console itself: the same
// files the portal server serves, and the answers a signed-out page asks for (the branding, its
// logo and the translations) taken from the unsaved form. Every other API path answers 404;
// nothing goes to the network or to a portal server, and no session is ever made.
class PortalPreviewSchemeHandler : public QWebEngineUrlSchemeHandler
{
    Q_OBJECT
public:
    struct Answer
    {
        int status = 404;
        QByteArray contentType;
        QByteArray body;
    };

    explicit PortalPreviewSchemeHandler(QObject *parent = nullptr);
    ~PortalPreviewSchemeHandler() override;

    static QByteArray schemeName();
    // Qt WebEngine wants custom schemes declared before the application object exists.
    static void registerScheme();
    // The page the preview shows: the invite page, the first one a new client sees and the
    // only signed-out page with the welcome message on it.
    static QUrl startUrl();

    void setBranding(const PreviewBranding &branding);
    const PreviewBranding &branding() const { return m_branding; }

    // What a request for `url` gets; requestStarted() sends exactly this.
    Answer answer(const QByteArray &method, const QUrl &url) const;

    void requestStarted(QWebEngineUrlRequestJob *job) override;

Q_SIGNALS:
    void answered(const QByteArray &method, const QString &path, int status);

private:
    QByteArray brandingJson() const;
    QByteArray catalogJson() const;

    PreviewBranding m_branding;
    int m_logoVersion = 0;
    mutable std::unique_ptr<PortalTranslations> m_translations; // read on first use
};

} // namespace Gatehouse
