#pragma once

class QHttpServer;

namespace Gatehouse {

struct PortalContext;

// Questions to the provider (ONB-8): ask, and read the answers.
class QuestionApi
{
public:
    static void registerRoutes(QHttpServer &server, const PortalContext &context);
};

} // namespace Gatehouse
