#include "LargeBodyAdmission.h"

#include "PortalContext.h"
#include "core/Clock.h"
#include "security/Tokens.h"
#include "services/PortalAuthService.h"
#include "storage/AccessRepository.h"

#include <QCoreApplication>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcPortal)

namespace Gatehouse {

namespace {

// The values of one header field (lower-case name) in a complete request head, in order.
QList<QByteArray> headerValues(const QByteArray &head, QByteArrayView name)
{
    QList<QByteArray> values;
    const QList<QByteArray> lines = head.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).toLower() == name) {
            values.append(line.mid(colon + 1).trimmed());
        }
    }
    return values;
}

QString cookieValue(const QByteArray &head, const QByteArray &name)
{
    for (const QByteArray &header : headerValues(head, "cookie")) {
        for (const QByteArray &pair : header.split(';')) {
            const qsizetype eq = pair.indexOf('=');
            if (eq > 0 && pair.left(eq).trimmed() == name) {
                return QString::fromLatin1(pair.mid(eq + 1).trimmed());
            }
        }
    }
    return QString();
}

RequestGate::Refusal refusal(int status, const char *reason, const char *code,
                             const QString &message)
{
    return {status, QByteArray(reason), message, QByteArray(code)};
}

// The same words as the handlers' refusals (PortalAuthService, PortalContext, Http).
RequestGate::Refusal unauthorized(const char *text)
{
    return refusal(401, "Unauthorized", "unauthorized",
                   QCoreApplication::translate("Gatehouse::PortalAuthService", text));
}

} // namespace

std::optional<RequestGate::Refusal> LargeBodyAdmission::check(const PortalContext &context,
                                                              const QByteArray &head)
{
    const QString token = cookieValue(head, context.sessionCookieName());
    if (!Tokens::looksLikeToken(token)) {
        return unauthorized("Please sign in.");
    }
    QString error;
    const std::optional<SessionRecord> session
        = AccessRepository(context.db)
              .liveSession(Tokens::hash(token), context.clock.nowMs(), &error);
    if (!error.isEmpty()) {
        qCWarning(lcPortal).noquote() << "cannot look up a session for an upload:" << error;
        return refusal(503, "Service Unavailable", "service_unavailable",
                       QCoreApplication::translate("Gatehouse::FrontDoor",
                                                   "The upload cannot be stored right now. "
                                                   "Please try again later."));
    }
    if (!session) {
        return unauthorized("Your session has ended. Please sign in again.");
    }
    if (session->stage != SessionStage::Full) {
        return refusal(
            401, "Unauthorized", "second_step_required",
            QCoreApplication::translate("Gatehouse::PortalContext", "Finish signing in first."));
    }
    const QList<QByteArray> csrf = headerValues(head, "x-csrf-token");
    if (csrf.size() != 1
        || !Tokens::equalConstantTime(QString::fromLatin1(csrf.first()),
                                      PortalAuthService::csrfToken(token))) {
        return refusal(
            403, "Forbidden", "bad_csrf_token",
            QCoreApplication::translate("Gatehouse::PortalContext",
                                        "This request did not come from the portal's own pages. "
                                        "Reload the page and try again."));
    }
    // As the handler: a browser sends Origin with every upload, and it must be ours.
    for (const QByteArray &origin : headerValues(head, "origin")) {
        if (QString::fromLatin1(origin) != context.publicOrigin) {
            return refusal(
                403, "Forbidden", "bad_origin",
                QCoreApplication::translate(
                    "Gatehouse::Http", "This request did not come from the portal's own pages."));
        }
    }
    return std::nullopt;
}

} // namespace Gatehouse
