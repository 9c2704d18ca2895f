#pragma once

#include <QWebEngineUrlRequestInterceptor>

namespace Gatehouse {

// Keeps the branding preview to itself: any request that would leave the preview's own scheme
// (the network, a portal server, a local file) is blocked before it starts.
class PreviewRequestGuard : public QWebEngineUrlRequestInterceptor
{
    Q_OBJECT
public:
    using QWebEngineUrlRequestInterceptor::QWebEngineUrlRequestInterceptor;

    void interceptRequest(QWebEngineUrlRequestInfo &info) override;
};

} // namespace Gatehouse
