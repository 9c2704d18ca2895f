#include "ApprovalApi.h"

#include "PortalContext.h"
#include "http/HttpHelpers.h"
#include "services/ApprovalService.h"
#include "storage/OnboardingRepository.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QJsonObject>

namespace Gatehouse {

namespace {

QJsonObject decisionJson(const ApprovalDecision &decision)
{
    return {{QStringLiteral("decision"),
             decision.approved ? QStringLiteral("approved") : QStringLiteral("rejected")},
            {QStringLiteral("by"), decision.contactName},
            {QStringLiteral("comment"), decision.comment},
            {QStringLiteral("at"), Http::isoTime(decision.createdAtMs)}};
}

QJsonArray decisionsJson(const QList<ApprovalDecision> &decisions)
{
    QJsonArray list;
    for (const ApprovalDecision &decision : decisions) {
        list.append(decisionJson(decision));
    }
    return list;
}

} // namespace

void ApprovalApi::registerRoutes(QHttpServer &server, const PortalContext &context)
{
    using Method = QHttpServerRequest::Method;

    server.route(
        QStringLiteral("/api/v1/tasks/<arg>/decision"), Method::Post,
        [&context](qint64 taskId, const QHttpServerRequest &request) {
            QHttpServerResponse refusal(Http::Status::Unauthorized);
            const auto session
                = context.requireTaskAction(request, taskId, PortalPermission::Approve, &refusal);
            if (!session) {
                return refusal;
            }
            const auto body = Http::jsonBody(request, context.publicOrigin, &refusal);
            if (!body) {
                return refusal;
            }
            const QJsonValue approve = body->value(QStringLiteral("approve"));
            const QJsonValue comment = body->value(QStringLiteral("comment"));
            if (!approve.isBool() || !(comment.isUndefined() || comment.isString())) {
                return Http::error(
                    Http::Status::BadRequest, QStringLiteral("bad_field"),
                    QStringLiteral("Send \"approve\" as true or false and \"comment\" "
                                   "as text."));
            }
            ServiceError error;
            const auto decision
                = ApprovalService(context.db, context.clock)
                      .decideAsContact(taskId, session->contactId, session->companyId,
                                       approve.toBool(), comment.toString(),
                                       context.clientIp(request), Http::userAgent(request), &error);
            if (!decision) {
                return Http::fromServiceError(error);
            }
            return Http::json({{QStringLiteral("decision"), decisionJson(*decision)}});
        });

    server.route(QStringLiteral("/api/v1/tasks/<arg>/decision"), Method::Get,
                 [&context](qint64 taskId, const QHttpServerRequest &request) {
                     QHttpServerResponse refusal(Http::Status::Unauthorized);
                     const auto session = context.requireTaskAccess(
                         request, taskId, PortalPermission::ViewOnboarding, &refusal);
                     if (!session) {
                         return refusal;
                     }
                     ServiceError error;
                     const auto decisions = ApprovalService(context.db, context.clock)
                                                .decisions(taskId, session->companyId, &error);
                     if (!decisions) {
                         return Http::fromServiceError(error);
                     }
                     return Http::json({{QStringLiteral("decisions"), decisionsJson(*decisions)}});
                 });

    server.route(
        QStringLiteral("/api/v1/approvals"), Method::Get,
        [&context](const QHttpServerRequest &request) {
            QHttpServerResponse refusal(Http::Status::Unauthorized);
            const auto session
                = context.requirePermission(request, PortalPermission::ViewOnboarding, &refusal);
            if (!session) {
                return refusal;
            }
            QString dbError;
            const QList<Onboarding> onboardings
                = OnboardingRepository(context.db).forCompany(session->companyId, &dbError);
            if (!dbError.isEmpty()) {
                return Http::internalError();
            }
            ApprovalService approvals(context.db, context.clock);
            QJsonArray list;
            for (const Onboarding &onboarding : onboardings) {
                for (const Phase &phase : onboarding.phases) {
                    for (const Task &task : phase.tasks) {
                        if (task.evidenceType != EvidenceType::Approval) {
                            continue;
                        }
                        ServiceError error;
                        const auto decisions
                            = approvals.decisions(task.id, session->companyId, &error);
                        if (!decisions) {
                            return Http::fromServiceError(error);
                        }
                        list.append(
                            QJsonObject{{QStringLiteral("taskId"), task.id},
                                        {QStringLiteral("title"), task.title},
                                        {QStringLiteral("status"), toKey(task.status)},
                                        {QStringLiteral("decisions"), decisionsJson(*decisions)}});
                    }
                }
            }
            return Http::json({{QStringLiteral("approvals"), list}});
        });
}

} // namespace Gatehouse
