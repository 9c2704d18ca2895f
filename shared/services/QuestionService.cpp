#include "QuestionService.h"

#include "StaffOwnerService.h"

#include "core/Clock.h"
#include "mail/MailComposer.h"
#include "mail/OutboxRepository.h"
#include "security/AuditLog.h"
#include "security/StaffAccess.h"
#include "storage/ActivityRepository.h"
#include "storage/DirectoryRepository.h"
#include "storage/SqlQuery.h"
#include "storage/Transaction.h"

#include <QCoreApplication>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::QuestionService", text);
}

const QLatin1String kSelect(
    "SELECT q.id, q.company_id, c.name, COALESCE(q.onboarding_id, 0), COALESCE(o.name, ''), "
    "q.asked_by, COALESCE(ct.email, ''), q.body, q.created_at, q.answer, q.answered_by, "
    "COALESCE(q.answered_at, 0) FROM question q JOIN company c ON c.id = q.company_id "
    "LEFT JOIN onboarding o ON o.id = q.onboarding_id "
    "LEFT JOIN contact ct ON ct.id = q.contact_id ");

Question readQuestion(const SqlQuery &query)
{
    return {query.int64(0), query.int64(1), query.text(2),  query.int64(3),
            query.text(4),  query.text(5),  query.text(6),  query.text(7),
            query.int64(8), query.text(9),  query.text(10), query.int64(11)};
}

QList<Question> readAll(SqlQuery &query, QString *error)
{
    QList<Question> list;
    if (!query.exec(error)) {
        return list;
    }
    while (query.next()) {
        list.append(readQuestion(query));
    }
    return list;
}

} // namespace

QuestionService::QuestionService(const Database &db, const Clock &clock, const QString &publicUrl)
    : m_db(db)
    , m_clock(clock)
    , m_publicUrl(publicUrl)
{}

std::optional<Question> QuestionService::askAsContact(qint64 contactId, qint64 companyId,
                                                      qint64 onboardingId, const QString &body,
                                                      const QString &ip, ServiceError *error)
{
    const QString text = body.trimmed();
    if (text.isEmpty()) {
        ServiceError::set(error, ServiceError::Kind::Invalid, tr("Write your question first."));
        return std::nullopt;
    }
    if (text.size() > kMaxLength) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("A question can be at most 4000 characters long."));
        return std::nullopt;
    }
    QString dbError;
    DirectoryRepository directory(m_db);
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<Contact> contact = directory.contact(contactId, &dbError);
    if (!workspace || !contact || contact->companyId != companyId) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    if (onboardingId != 0) {
        SqlQuery owner(m_db, QStringLiteral("SELECT company_id FROM onboarding WHERE id = ?"));
        owner << onboardingId;
        if (!owner.exec(&dbError) || !owner.next() || owner.int64(0) != companyId) {
            ServiceError::set(error, ServiceError::Kind::NotFound,
                              tr("There is no such onboarding."));
            return std::nullopt;
        }
    }
    const qint64 now = m_clock.nowMs();
    Transaction transaction(m_db);
    SqlQuery insert(m_db, QStringLiteral("INSERT INTO question (company_id, onboarding_id, "
                                         "contact_id, asked_by, body, created_at) "
                                         "VALUES (?, ?, ?, ?, ?, ?) RETURNING id"));
    insert << companyId << nullable(onboardingId) << contactId << contact->name << text << now;
    const bool inserted = transaction.isActive() && insert.exec(&dbError) && insert.next();
    const qint64 id = inserted ? insert.int64(0) : 0;
    insert.raw().finish(); // SQLite cannot commit while a RETURNING statement is open

    ActivityEvent event;
    event.companyId = companyId;
    event.onboardingId = onboardingId;
    event.kind = QStringLiteral("question.asked");
    event.actor = contact->email;
    event.summary = QStringLiteral("%1 asked: %2").arg(contact->name, text.left(120).simplified());
    const AuditEvent audit
        = AuditEvent::make(workspace->id, now, Actor::contact(*contact, ip),
                           QStringLiteral("question.asked"), AuditEvent::subjectOf("question", id),
                           QStringLiteral("%1 asked a question").arg(contact->name));
    // The staff who answer for the onboarding hear of it (everyone, when nobody does).
    const QList<StaffMember> staff
        = StaffOwnerService(m_db, m_clock).forOnboarding(onboardingId, companyId, &dbError);
    bool mailed = inserted && !staff.isEmpty();
    OutboxRepository outbox(m_db);
    for (const StaffMember &member : staff) {
        mailed = mailed
                 && outbox.enqueue(MailComposer::questionToStaff(*workspace, member.email,
                                                                 member.name, *contact, text),
                                   now, &dbError)
                        > 0;
    }
    if (!mailed || !ActivityRepository(m_db).append(workspace->id, event, now, &dbError)
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return get(id, &dbError);
}

bool QuestionService::answerAsStaff(qint64 questionId, const QString &answer, const Actor &actor,
                                    ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::AnswerQuestions, error)) {
        return false;
    }
    const QString text = answer.trimmed();
    if (text.isEmpty() || text.size() > kMaxLength) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("Write an answer of at most 4000 characters."));
        return false;
    }
    QString dbError;
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    const std::optional<Question> question = get(questionId, &dbError);
    if (!workspace) {
        ServiceError::internal(error);
        return false;
    }
    if (!question) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such question."));
        return false;
    }
    const qint64 now = m_clock.nowMs();
    Transaction transaction(m_db);
    SqlQuery update(m_db, QStringLiteral("UPDATE question SET answer = ?, answered_by = ?, "
                                         "answered_at = ? WHERE id = ? AND answered_at IS NULL"));
    update << text << actor.name << now << questionId;
    if (!transaction.isActive() || !update.exec(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    if (update.rowsAffected() == 0) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("This question has been answered already."));
        return false;
    }
    ActivityEvent event;
    event.companyId = question->companyId;
    event.onboardingId = question->onboardingId;
    event.kind = QStringLiteral("question.answered");
    event.actor = actor.name;
    event.summary = QStringLiteral("%1 answered %2's question").arg(actor.name, question->askedBy);
    const AuditEvent audit
        = AuditEvent::make(workspace->id, now, actor, QStringLiteral("question.answered"),
                           AuditEvent::subjectOf("question", questionId), event.summary);
    const bool mailed = question->askedByEmail.isEmpty()
                        || OutboxRepository(m_db).enqueue(
                               MailComposer::answerToContact(*workspace, question->askedByEmail,
                                                             question->askedBy, question->body,
                                                             text, actor.name, m_publicUrl),
                               now, &dbError)
                               > 0;
    if (!mailed || !ActivityRepository(m_db).append(workspace->id, event, now, &dbError)
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

QList<Question> QuestionService::forCompany(qint64 companyId, QString *error) const
{
    SqlQuery query(m_db, kSelect
                             + QLatin1String("WHERE q.company_id = ? "
                                             "ORDER BY q.created_at DESC, q.id DESC"));
    query << companyId;
    return readAll(query, error);
}

QList<Question> QuestionService::inbox(qint64 workspaceId, QString *error) const
{
    SqlQuery query(m_db, kSelect
                             + QLatin1String("WHERE c.workspace_id = ? ORDER BY "
                                             "CASE WHEN q.answered_at IS NULL THEN 0 ELSE 1 END, "
                                             "q.created_at DESC, q.id DESC"));
    query << workspaceId;
    return readAll(query, error);
}

std::optional<Question> QuestionService::get(qint64 questionId, QString *error) const
{
    SqlQuery query(m_db, kSelect + QLatin1String("WHERE q.id = ?"));
    query << questionId;
    if (!query.exec(error) || !query.next()) {
        return std::nullopt;
    }
    return readQuestion(query);
}

} // namespace Gatehouse
