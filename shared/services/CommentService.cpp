#include "CommentService.h"

#include "TaskEvents.h"
#include "core/Clock.h"
#include "security/StaffAccess.h"
#include "storage/DirectoryRepository.h"
#include "storage/OnboardingRepository.h"
#include "storage/SqlQuery.h"
#include "storage/Transaction.h"

#include <QCoreApplication>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::CommentService", text);
}

QList<TaskComment> readComments(const Database &db, qint64 taskId, bool withInternal,
                                QString *error)
{
    QList<TaskComment> comments;
    SqlQuery query(db, QStringLiteral("SELECT id, task_id, author_kind, author_name, body, "
                                      "internal, created_at FROM task_comment WHERE task_id = ? "
                                      "AND (internal = 0 OR ? = 1) ORDER BY created_at, id"));
    query << taskId << (withInternal ? 1 : 0);
    if (!query.exec(error)) {
        return comments;
    }
    while (query.next()) {
        comments.append({query.int64(0), query.int64(1),
                         query.text(2) == QLatin1String("contact") ? TaskComment::Author::Contact
                                                                   : TaskComment::Author::Staff,
                         query.text(3), query.text(4), query.value(5).toInt() != 0,
                         query.int64(6)});
    }
    return comments;
}

} // namespace

CommentService::CommentService(const Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

std::optional<TaskComment> CommentService::addAsContact(qint64 taskId, qint64 contactId,
                                                        qint64 companyId, const QString &body,
                                                        const QString &ip, ServiceError *error)
{
    QString dbError;
    const std::optional<Contact> contact = DirectoryRepository(m_db).contact(contactId, &dbError);
    if (!contact || contact->companyId != companyId) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    TaskComment comment;
    comment.author = TaskComment::Author::Contact;
    comment.authorName = contact->name;
    comment.body = body;
    return add(taskId, companyId, comment, Actor::contact(*contact, ip), error);
}

std::optional<TaskComment> CommentService::addAsStaff(qint64 taskId, const QString &body,
                                                      bool internal, const Actor &actor,
                                                      ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::WorkOnboardings, error)) {
        return std::nullopt;
    }
    QString dbError;
    const qint64 companyId = OnboardingRepository(m_db).companyOfTask(taskId, &dbError);
    if (companyId == 0) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such task."));
        return std::nullopt;
    }
    TaskComment comment;
    comment.author = TaskComment::Author::Staff;
    comment.authorName = actor.name;
    comment.body = body;
    comment.internal = internal;
    return add(taskId, companyId, comment, actor, error);
}

std::optional<TaskComment> CommentService::add(qint64 taskId, qint64 companyId, TaskComment comment,
                                               const Actor &actor, ServiceError *error)
{
    comment.body = comment.body.trimmed();
    if (comment.body.isEmpty()) {
        ServiceError::set(error, ServiceError::Kind::Invalid, tr("Write a message first."));
        return std::nullopt;
    }
    if (comment.body.size() > kMaxLength) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("A message can be at most 4000 characters long."));
        return std::nullopt;
    }
    QString dbError;
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    const std::optional<Task> task
        = OnboardingRepository(m_db).taskForCompany(taskId, companyId, &dbError);
    if (!workspace || !dbError.isEmpty()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    if (!task) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such task."));
        return std::nullopt;
    }
    comment.taskId = taskId;
    comment.createdAtMs = m_clock.nowMs();
    Transaction transaction(m_db);
    SqlQuery insert(m_db, QStringLiteral("INSERT INTO task_comment (task_id, author_kind, "
                                         "author_name, body, internal, created_at) "
                                         "VALUES (?, ?, ?, ?, ?, ?) RETURNING id"));
    insert << taskId
           << (comment.author == TaskComment::Author::Contact ? QStringLiteral("contact")
                                                              : QStringLiteral("staff"))
           << comment.authorName << comment.body << (comment.internal ? 1 : 0)
           << comment.createdAtMs;
    // The feed and the trail say that something was written, never what: an internal note's
    // words stay in its own row.
    const QString summary
        = comment.internal
              ? QStringLiteral("%1 added an internal note to \"%2\"")
                    .arg(comment.authorName, task->title)
              : QStringLiteral("%1 commented on \"%2\"").arg(comment.authorName, task->title);
    const bool inserted = transaction.isActive() && insert.exec(&dbError) && insert.next();
    comment.id = inserted ? insert.int64(0) : 0;
    insert.raw().finish(); // SQLite cannot commit while a RETURNING statement is open
    if (!inserted
        || !recordTaskEvent(m_db, workspace->id, companyId, *task,
                            comment.internal ? QStringLiteral("note.added")
                                             : QStringLiteral("comment.added"),
                            actor, summary, QString(), comment.createdAtMs, &dbError)
        || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return comment;
}

std::optional<QList<TaskComment>> CommentService::forCompany(qint64 taskId, qint64 companyId,
                                                             ServiceError *error) const
{
    QString dbError;
    if (!OnboardingRepository(m_db).taskForCompany(taskId, companyId, &dbError)) {
        if (dbError.isEmpty()) {
            ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such task."));
        } else {
            ServiceError::internal(error);
        }
        return std::nullopt;
    }
    const QList<TaskComment> comments = readComments(m_db, taskId, false, &dbError);
    if (!dbError.isEmpty()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return comments;
}

QList<TaskComment> CommentService::forStaff(qint64 taskId, QString *error) const
{
    return readComments(m_db, taskId, true, error);
}

} // namespace Gatehouse
