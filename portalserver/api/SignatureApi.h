#pragma once

class QHttpServer;

namespace Gatehouse {

struct PortalContext;

// Signature tasks: what is to be signed, the signature, and its certificate.
class SignatureApi
{
public:
    static void registerRoutes(QHttpServer &server, const PortalContext &context);
};

} // namespace Gatehouse
