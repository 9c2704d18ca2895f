#include "SignatureService.h"

#include "StaffOwnerService.h"

#include "TaskEvents.h"
#include "core/Clock.h"
#include "core/Logging.h"
#include "mail/MailComposer.h"
#include "mail/OutboxRepository.h"
#include "signature/SignedPdf.h"
#include "storage/DirectoryRepository.h"
#include "storage/FileStore.h"
#include "storage/OnboardingRepository.h"
#include "storage/SqlQuery.h"
#include "storage/TaskFileRepository.h"
#include "storage/Transaction.h"

#include <QCoreApplication>
#include <QCryptographicHash>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::SignatureService", text);
}

const QLatin1String kSelect("SELECT s.id, s.task_id, t.title, s.signer_name, s.signer_email, "
                            "s.method, s.image, s.document_file_id, s.document_name, "
                            "s.document_sha256, s.ip, s.user_agent, s.signed_at, "
                            "s.evidence_sha256, s.signed_pdf_file_id FROM task_signature s "
                            "JOIN task t ON t.id = s.task_id ");

SignatureEvidence readEvidence(const SqlQuery &query)
{
    SignatureEvidence e;
    e.id = query.int64(0);
    e.taskId = query.int64(1);
    e.taskTitle = query.text(2);
    e.signerName = query.text(3);
    e.signerEmail = query.text(4);
    e.method = query.text(5) == QLatin1String("typed") ? SignatureEvidence::Method::Typed
                                                       : SignatureEvidence::Method::Drawn;
    e.image = query.value(6).toByteArray();
    e.documentFileId = query.int64(7);
    e.documentName = query.text(8);
    e.documentSha256 = query.text(9);
    e.ip = query.text(10);
    e.userAgent = query.text(11);
    e.signedAtMs = query.int64(12);
    e.evidenceSha256 = query.text(13);
    e.signedPdfFileId = query.int64(14);
    return e;
}

QString sha256Hex(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

} // namespace

SignatureService::SignatureService(const Database &db, const Clock &clock, const QString &publicUrl)
    : m_db(db)
    , m_clock(clock)
    , m_publicUrl(publicUrl)
{}

bool SignatureService::mailCertificate(const SignatureEvidence &evidence, const QByteArray &pdf,
                                       QString *error) const
{
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(error);
    if (!workspace) {
        return false;
    }
    QList<QPair<QString, QString>> recipients{{evidence.signerEmail, evidence.signerName}};
    const QList<StaffMember> owners
        = StaffOwnerService(m_db, m_clock).forTask(evidence.taskId, error);
    if (owners.isEmpty()) {
        return false; // a workspace always has staff: this is a database error
    }
    for (const StaffMember &owner : owners) {
        recipients.append({owner.email, owner.name});
    }
    OutboxRepository outbox(m_db);
    for (const auto &[email, name] : recipients) {
        if (!outbox.enqueue(MailComposer::signedCertificate(*workspace, email, name,
                                                            evidence.signerName, evidence.taskTitle,
                                                            m_publicUrl, pdf),
                            evidence.signedAtMs, error)) {
            return false;
        }
    }
    return true;
}

SignatureService::SignedDocument SignatureService::documentOf(qint64 taskId, QString *error) const
{
    const QList<TaskFile> files = TaskFileRepository(m_db).forTask(taskId, error);
    for (auto file = files.crbegin(); file != files.crend(); ++file) {
        if (file->role == TaskFile::Role::Attachment) {
            const std::optional<QByteArray> bytes = FileStore(m_db).readAll(file->file.id, error);
            if (!bytes) {
                return {};
            }
            return {file->file.id, file->file.name, *bytes};
        }
    }
    SqlQuery task(m_db, QStringLiteral("SELECT title, description FROM task WHERE id = ?"));
    task << taskId;
    if (!task.exec(error) || !task.next()) {
        return {};
    }
    return {0, tr("%1 (the task's text)").arg(task.text(0)),
            (task.text(0) + QLatin1Char('\n') + task.text(1)).toUtf8()};
}

std::optional<SignatureEvidence>
SignatureService::signAsContact(qint64 taskId, qint64 contactId, qint64 companyId,
                                const QString &name, SignatureEvidence::Method method,
                                const QByteArray &png, const QString &ip, const QString &userAgent,
                                ServiceError *error)
{
    const QString signerName = name.simplified();
    if (signerName.isEmpty() || signerName.size() > kMaxNameLength) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("Enter your full name (at most 200 characters)."));
        return std::nullopt;
    }
    QString imageError;
    if (!checkedSignatureImage(png, &imageError)) {
        ServiceError::set(error, ServiceError::Kind::Invalid, imageError);
        return std::nullopt;
    }
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
    if (task->evidenceType != EvidenceType::Signature || task->ownerSide != OwnerSide::Client) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("This task does not ask for a signature."));
        return std::nullopt;
    }
    if (task->status == TaskStatus::Completed) {
        ServiceError::set(error, ServiceError::Kind::Conflict, tr("This is signed already."));
        return std::nullopt;
    }
    const SignedDocument document = documentOf(taskId, &dbError);
    if (document.name.isEmpty()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    SignatureEvidence e;
    e.taskId = taskId;
    e.taskTitle = task->title;
    e.signerName = signerName;
    e.signerEmail = contact->email;
    e.method = method;
    e.image = png;
    e.documentFileId = document.fileId;
    e.documentName = document.name;
    e.documentSha256 = sha256Hex(document.bytes);
    e.ip = ip;
    e.userAgent = userAgent.left(512);
    e.signedAtMs = m_clock.nowMs();
    e.evidenceSha256
        = SignatureEvidence::hash(document.bytes, signerName, png, contact->email, e.signedAtMs);

    QString pdfError;
    const std::optional<QByteArray> pdf = SignedPdf::render(e, workspace->name, &pdfError);
    if (!pdf) {
        qCWarning(lcServices) << "no signature certificate for task" << taskId << pdfError;
    }

    Transaction transaction(m_db);
    std::optional<StoredFile> stored;
    if (pdf && transaction.isActive()) {
        stored = FileStore(m_db).write(
            workspace->id, tr("Signature certificate - %1.pdf").arg(task->title),
            QStringLiteral("application/pdf"), *pdf, e.signedAtMs, &dbError);
        if (stored) {
            e.signedPdfFileId = stored->id;
        }
    }
    SqlQuery insert(m_db, QStringLiteral("INSERT INTO task_signature (task_id, contact_id, "
                                         "signer_name, signer_email, method, image, "
                                         "document_file_id, document_name, document_sha256, ip, "
                                         "user_agent, signed_at, evidence_sha256, "
                                         "signed_pdf_file_id) "
                                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    insert << taskId << contactId << e.signerName << e.signerEmail << toKey(method) << png
           << nullable(e.documentFileId) << e.documentName << e.documentSha256 << e.ip
           << e.userAgent << e.signedAtMs << e.evidenceSha256 << nullable(e.signedPdfFileId);
    const bool filed
        = !pdf
          || (stored
              && TaskFileRepository(m_db).add(taskId, stored->id, TaskFile::Role::Signed, contactId,
                                              e.signedAtMs, &dbError));
    const int changed = transaction.isActive() && filed && insert.exec(&dbError)
                            ? OnboardingRepository(m_db).setTaskStatus(
                                taskId, companyId, TaskStatus::Completed, signerName, QString(),
                                e.signedAtMs, &dbError)
                            : -1;
    if (changed == 0) {
        ServiceError::set(error, ServiceError::Kind::Conflict, tr("This is signed already."));
        return std::nullopt;
    }
    const QString summary = QStringLiteral("%1 signed \"%2\"").arg(signerName, task->title);
    const QString detail = QStringLiteral("%1 (%2) signed \"%3\": %4 SHA-256 %5, evidence %6")
                               .arg(signerName, contact->email, task->title, e.documentName,
                                    e.documentSha256, e.evidenceSha256);
    if (changed < 0
        || !recordTaskEvent(m_db, workspace->id, companyId, *task, QStringLiteral("task.signed"),
                            Actor::contact(*contact, ip), summary, detail, e.signedAtMs, &dbError)
        || (pdf && !mailCertificate(e, *pdf, &dbError)) || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return e;
}

std::optional<SignatureEvidence> SignatureService::forTask(qint64 taskId, qint64 companyId,
                                                           ServiceError *error) const
{
    QString dbError;
    const qint64 owner = OnboardingRepository(m_db).companyOfTask(taskId, &dbError);
    if (owner == 0 || (companyId != 0 && owner != companyId)) {
        if (dbError.isEmpty()) {
            ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such task."));
        } else {
            ServiceError::internal(error);
        }
        return std::nullopt;
    }
    SqlQuery query(m_db, kSelect + QLatin1String("WHERE s.task_id = ? ORDER BY s.id DESC"));
    query << taskId;
    if (!query.exec(&dbError)) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    if (!query.next()) {
        return std::nullopt;
    }
    return readEvidence(query);
}

bool SignatureService::verify(const SignatureEvidence &evidence, QString *why) const
{
    QString dbError;
    QByteArray document;
    if (evidence.documentFileId != 0) {
        const std::optional<QByteArray> bytes
            = FileStore(m_db).readAll(evidence.documentFileId, &dbError);
        if (!bytes) {
            if (why) {
                *why = tr("The signed document can no longer be read.");
            }
            return false;
        }
        document = *bytes;
    } else {
        SqlQuery task(m_db, QStringLiteral("SELECT title, description FROM task WHERE id = ?"));
        task << evidence.taskId;
        if (!task.exec(&dbError) || !task.next()) {
            if (why) {
                *why = tr("The signed task can no longer be read.");
            }
            return false;
        }
        document = (task.text(0) + QLatin1Char('\n') + task.text(1)).toUtf8();
    }
    if (sha256Hex(document) != evidence.documentSha256) {
        if (why) {
            *why = tr("The document has changed since it was signed.");
        }
        return false;
    }
    if (SignatureEvidence::hash(document, evidence.signerName, evidence.image, evidence.signerEmail,
                                evidence.signedAtMs)
        != evidence.evidenceSha256) {
        if (why) {
            *why = tr("The signature record has changed since it was signed.");
        }
        return false;
    }
    return true;
}

} // namespace Gatehouse
