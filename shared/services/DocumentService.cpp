#include "DocumentService.h"

#include "TaskEvents.h"
#include "core/Clock.h"
#include "files/FileTypes.h"
#include "files/UploadSpec.h"
#include "security/StaffAccess.h"
#include "storage/DirectoryRepository.h"
#include "storage/FileStore.h"
#include "storage/OnboardingRepository.h"
#include "storage/SqlQuery.h"
#include "storage/TaskFileRepository.h"
#include "storage/Transaction.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QLocale>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::DocumentService", text);
}

} // namespace

DocumentService::DocumentService(const Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

QString DocumentService::cleanFileName(const QString &name)
{
    QString clean = name.section(QLatin1Char('/'), -1).section(QLatin1Char('\\'), -1);
    clean.removeIf([](QChar c) {
        return c.category() == QChar::Other_Control || c.category() == QChar::Other_Format
               || c == QLatin1Char('"');
    });
    clean = clean.trimmed().left(200);
    while (clean.startsWith(QLatin1Char('.'))) {
        clean.remove(0, 1);
    }
    return clean.isEmpty() ? QStringLiteral("file") : clean;
}

std::optional<TaskFile> DocumentService::upload(qint64 taskId, qint64 contactId, qint64 companyId,
                                                const QString &fileName, const QByteArray &bytes,
                                                const QString &ip, ServiceError *error)
{
    QBuffer source;
    source.setData(bytes);
    source.open(QIODevice::ReadOnly);
    return upload(taskId, contactId, companyId, fileName, source, ip, error);
}

std::optional<TaskFile> DocumentService::upload(qint64 taskId, qint64 contactId, qint64 companyId,
                                                const QString &fileName, QIODevice &source,
                                                const QString &ip, ServiceError *error)
{
    QString dbError;
    DirectoryRepository directory(m_db);
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<Contact> contact = directory.contact(contactId, &dbError);
    const std::optional<Task> task
        = OnboardingRepository(m_db).taskForCompany(taskId, companyId, &dbError);
    if (!dbError.isEmpty() || !workspace || !contact) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    if (!task) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such task."));
        return std::nullopt;
    }
    if (task->evidenceType != EvidenceType::Upload || task->ownerSide != OwnerSide::Client) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("This task does not ask for files."));
        return std::nullopt;
    }
    if (task->status == TaskStatus::Completed) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("This task is already completed."));
        return std::nullopt;
    }
    const UploadSpec spec = UploadSpec::fromConfigOrDefault(task->config);
    const QString name = cleanFileName(fileName);
    const qint64 size = source.bytesAvailable();
    if (size > spec.maxBytes()) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("\"%1\" is larger than %2 MB, the limit for this task.")
                              .arg(name)
                              .arg(spec.maxMegabytes));
        return std::nullopt;
    }
    QString typeError;
    const std::optional<FileTypes::Inspection> type
        = FileTypes::inspect(name, source.peek(64 * 1024), spec.accept, &typeError);
    if (!type) {
        ServiceError::set(error, ServiceError::Kind::Invalid, typeError);
        return std::nullopt;
    }

    const qint64 now = m_clock.nowMs();
    Transaction transaction(m_db);
    std::optional<StoredFile> stored
        = transaction.isActive()
              ? FileStore(m_db).write(workspace->id, name, type->mediaType, source, now, &dbError)
              : std::nullopt;
    if (stored && stored->size != size) {
        dbError = QStringLiteral("the upload was %1 bytes, not %2").arg(stored->size).arg(size);
        stored.reset();
    }
    const qint64 taskFileId
        = stored ? TaskFileRepository(m_db).add(taskId, stored->id, TaskFile::Role::Upload,
                                                contactId, now, &dbError)
                 : 0;
    const Actor actor = Actor::contact(*contact, ip);
    const QString summary
        = QStringLiteral("%1 uploaded \"%2\" to \"%3\"").arg(contact->name, name, task->title);
    const QString detail = QStringLiteral("%1 uploaded \"%2\" (%3 bytes, SHA-256 %4) to \"%5\"")
                               .arg(contact->name, name)
                               .arg(stored ? stored->size : 0)
                               .arg(stored ? stored->sha256 : QString(), task->title);
    if (taskFileId == 0
        || !recordTaskEvent(m_db, workspace->id, companyId, *task, QStringLiteral("file.uploaded"),
                            actor, summary, detail, now, &dbError)
        || !settleStatus(*task, companyId, contact->name, now, &dbError)
        || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return TaskFileRepository(m_db).get(taskFileId, companyId, &dbError);
}

std::optional<TaskFile> DocumentService::attachAsStaff(qint64 taskId, const QString &fileName,
                                                       const QByteArray &bytes, const Actor &actor,
                                                       ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::WorkOnboardings, error)) {
        return std::nullopt;
    }
    QString dbError;
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    const qint64 companyId = OnboardingRepository(m_db).companyOfTask(taskId, &dbError);
    const std::optional<Task> task
        = OnboardingRepository(m_db).taskForCompany(taskId, companyId, &dbError);
    if (!dbError.isEmpty() || !workspace) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    if (!task) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such task."));
        return std::nullopt;
    }
    if (task->evidenceType != EvidenceType::Approval
        && task->evidenceType != EvidenceType::Signature) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("Documents are attached to approval and signature tasks."));
        return std::nullopt;
    }
    const QString name = cleanFileName(fileName);
    if (bytes.size() > qint64(UploadSpec::kMaxMegabytes) * 1024 * 1024) {
        ServiceError::set(
            error, ServiceError::Kind::Invalid,
            tr("\"%1\" is larger than %2 MB.").arg(name).arg(UploadSpec::kMaxMegabytes));
        return std::nullopt;
    }
    QString typeError;
    const std::optional<FileTypes::Inspection> type = FileTypes::inspect(
        name, bytes.left(64 * 1024), FileTypes::defaultCategories(), &typeError);
    if (!type) {
        ServiceError::set(error, ServiceError::Kind::Invalid, typeError);
        return std::nullopt;
    }
    const qint64 now = m_clock.nowMs();
    Transaction transaction(m_db);
    const std::optional<StoredFile> stored
        = transaction.isActive()
              ? FileStore(m_db).write(workspace->id, name, type->mediaType, bytes, now, &dbError)
              : std::nullopt;
    const qint64 taskFileId = stored ? TaskFileRepository(m_db).add(
                                  taskId, stored->id, TaskFile::Role::Attachment, 0, now, &dbError)
                                     : 0;
    const QString summary
        = QStringLiteral("%1 attached \"%2\" to \"%3\"").arg(actor.name, name, task->title);
    if (taskFileId == 0
        || !recordTaskEvent(
            m_db, workspace->id, companyId, *task, QStringLiteral("file.attached"), actor, summary,
            summary + QStringLiteral(" (SHA-256 %1)").arg(stored->sha256), now, &dbError)
        || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return TaskFileRepository(m_db).get(taskFileId, companyId, &dbError);
}

std::optional<QList<TaskFile>> DocumentService::filesForCompany(qint64 taskId, qint64 companyId,
                                                                ServiceError *error) const
{
    QString dbError;
    const std::optional<Task> task
        = OnboardingRepository(m_db).taskForCompany(taskId, companyId, &dbError);
    if (!task) {
        if (dbError.isEmpty()) {
            ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such task."));
        } else {
            ServiceError::internal(error);
        }
        return std::nullopt;
    }
    const QList<TaskFile> files = TaskFileRepository(m_db).forTask(taskId, &dbError);
    if (!dbError.isEmpty()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return files;
}

bool DocumentService::removeAsContact(qint64 taskFileId, qint64 contactId, qint64 companyId,
                                      const QString &ip, ServiceError *error)
{
    QString dbError;
    DirectoryRepository directory(m_db);
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<Contact> contact = directory.contact(contactId, &dbError);
    const std::optional<TaskFile> file
        = TaskFileRepository(m_db).get(taskFileId, companyId, &dbError);
    if (!dbError.isEmpty() || !workspace || !contact) {
        ServiceError::internal(error);
        return false;
    }
    if (!file || file->role != TaskFile::Role::Upload) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such file."));
        return false;
    }
    const std::optional<Task> task
        = OnboardingRepository(m_db).taskForCompany(file->taskId, companyId, &dbError);
    if (!task) {
        ServiceError::internal(error);
        return false;
    }
    if (file->review != ReviewState::Uploaded || task->status == TaskStatus::Completed) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("This file has been reviewed already and can no longer be removed."));
        return false;
    }
    const qint64 now = m_clock.nowMs();
    Transaction transaction(m_db);
    const QString summary = QStringLiteral("%1 removed \"%2\" from \"%3\"")
                                .arg(contact->name, file->file.name, task->title);
    if (!transaction.isActive() || !FileStore(m_db).remove(file->file.id, &dbError)
        || !recordTaskEvent(m_db, workspace->id, companyId, *task, QStringLiteral("file.removed"),
                            Actor::contact(*contact, ip), summary, QString(), now, &dbError)
        || !settleStatus(*task, companyId, contact->name, now, &dbError)
        || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

bool DocumentService::review(qint64 taskFileId, bool approve, const QString &note,
                             const Actor &actor, ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::ReviewDocuments, error)) {
        return false;
    }
    const QString cleanNote = note.trimmed();
    if (!approve && cleanNote.isEmpty()) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("Say why the file is rejected, so the client knows what to send."));
        return false;
    }
    if (cleanNote.size() > kMaxNoteLength) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("The note can be at most 2000 characters long."));
        return false;
    }
    QString dbError;
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    const std::optional<TaskFile> file = TaskFileRepository(m_db).get(taskFileId, 0, &dbError);
    if (!dbError.isEmpty() || !workspace) {
        ServiceError::internal(error);
        return false;
    }
    if (!file || file->role != TaskFile::Role::Upload) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such file."));
        return false;
    }
    const qint64 companyId = OnboardingRepository(m_db).companyOfTask(file->taskId, &dbError);
    const std::optional<Task> task
        = OnboardingRepository(m_db).taskForCompany(file->taskId, companyId, &dbError);
    if (!task) {
        ServiceError::internal(error);
        return false;
    }
    const qint64 now = m_clock.nowMs();
    Transaction transaction(m_db);
    const ReviewState to = approve ? ReviewState::Approved : ReviewState::Rejected;
    const int changed
        = transaction.isActive() ? TaskFileRepository(m_db).setReview(
              taskFileId, ReviewState::Uploaded, to, cleanNote, actor.name, now, &dbError)
                                 : -1;
    if (changed == 0) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("This file has been reviewed already."));
        return false;
    }
    const QString summary = (approve ? QStringLiteral("%1 approved \"%2\" on \"%3\"")
                                     : QStringLiteral("%1 rejected \"%2\" on \"%3\""))
                                .arg(actor.name, file->file.name, task->title);
    if (changed < 0
        || !recordTaskEvent(m_db, workspace->id, companyId, *task,
                            approve ? QStringLiteral("file.approved")
                                    : QStringLiteral("file.rejected"),
                            actor, summary, QString(), now, &dbError)
        || !settleStatus(*task, companyId, actor.name, now, &dbError)
        || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

bool DocumentService::settleStatus(const Task &task, qint64 companyId, const QString &by,
                                   qint64 nowMs, QString *error)
{
    SqlQuery counts(m_db,
                    QStringLiteral("SELECT "
                                   "SUM(CASE WHEN review_state = 'uploaded' THEN 1 ELSE 0 END), "
                                   "SUM(CASE WHEN review_state = 'approved' THEN 1 ELSE 0 END) "
                                   "FROM task_file WHERE task_id = ? AND role = 'upload'"));
    counts << task.id;
    if (!counts.exec(error) || !counts.next()) {
        return false;
    }
    const qint64 waiting = counts.int64(0);
    const qint64 approved = counts.int64(1);
    const TaskStatus status = waiting > 0    ? TaskStatus::InProgress
                              : approved > 0 ? TaskStatus::Completed
                                             : TaskStatus::Pending;
    return OnboardingRepository(m_db).setTaskStatus(task.id, companyId, status, by, QString(),
                                                    nowMs, error)
           >= 0;
}

} // namespace Gatehouse
