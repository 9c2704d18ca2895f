#include "QuestionApi.h"

#include "PortalContext.h"
#include "http/HttpHelpers.h"
#include "services/QuestionService.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QJsonObject>

namespace Gatehouse {

namespace {

QJsonObject questionJson(const Question &question)
{
    return {{QStringLiteral("id"), question.id},
            {QStringLiteral("onboardingId"),
             question.onboardingId ? QJsonValue(question.onboardingId) : QJsonValue()},
            {QStringLiteral("askedBy"), question.askedBy},
            {QStringLiteral("body"), question.body},
            {QStringLiteral("askedAt"), Http::isoTime(question.createdAtMs)},
            {QStringLiteral("answer"), question.answer},
            {QStringLiteral("answeredBy"), question.answeredBy},
            {QStringLiteral("answeredAt"), Http::isoTime(question.answeredAtMs)}};
}

} // namespace

void QuestionApi::registerRoutes(QHttpServer &server, const PortalContext &context)
{
    using Method = QHttpServerRequest::Method;

    server.route(
        QStringLiteral("/api/v1/questions"), Method::Get,
        [&context](const QHttpServerRequest &request) {
            QHttpServerResponse refusal(Http::Status::Unauthorized);
            const auto session
                = context.requirePermission(request, PortalPermission::ViewOnboarding, &refusal);
            if (!session) {
                return refusal;
            }
            QString error;
            const QList<Question> questions
                = QuestionService(context.db, context.clock).forCompany(session->companyId, &error);
            if (!error.isEmpty()) {
                return Http::internalError();
            }
            QJsonArray list;
            for (const Question &question : questions) {
                list.append(questionJson(question));
            }
            return Http::json({{QStringLiteral("questions"), list}});
        });

    server.route(
        QStringLiteral("/api/v1/questions"), Method::Post,
        [&context](const QHttpServerRequest &request) {
            QHttpServerResponse refusal(Http::Status::Unauthorized);
            const auto session
                = context.requirePermission(request, PortalPermission::AskQuestions, &refusal);
            if (!session) {
                return refusal;
            }
            const auto body = Http::jsonBody(request, context.publicOrigin, &refusal);
            if (!body) {
                return refusal;
            }
            const QJsonValue text = body->value(QStringLiteral("body"));
            const QJsonValue onboarding = body->value(QStringLiteral("onboardingId"));
            if (!text.isString()
                || !(onboarding.isUndefined() || onboarding.isNull()
                     || (onboarding.isDouble() && onboarding.toDouble() >= 1
                         && onboarding.toDouble() == double(onboarding.toInteger())))) {
                return Http::error(Http::Status::BadRequest, QStringLiteral("bad_field"),
                                   QStringLiteral("Send \"body\" as text and \"onboardingId\" "
                                                  "as a number, if at all."));
            }
            ServiceError error;
            const auto question
                = QuestionService(context.db, context.clock, context.publicUrl)
                      .askAsContact(session->contactId, session->companyId, onboarding.toInteger(),
                                    text.toString(), context.clientIp(request), &error);
            if (!question) {
                return Http::fromServiceError(error);
            }
            return Http::json({{QStringLiteral("question"), questionJson(*question)}},
                              Http::Status::Created);
        });
}

} // namespace Gatehouse
