#include "EvidenceSections.h"

#include "core/Clock.h"
#include "forms/FormDefinition.h"
#include "security/AuditLog.h"
#include "services/ApprovalService.h"
#include "services/SignatureService.h"
#include "storage/ChecklistRepository.h"
#include "storage/DirectoryRepository.h"
#include "storage/FileStore.h"
#include "storage/FormEntryRepository.h"
#include "storage/SqlQuery.h"
#include "storage/TaskFileRepository.h"

#include <QBuffer>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QTextDocument>

namespace Gatehouse::EvidenceSections {

namespace {

QString isoTime(qint64 ms)
{
    return ms == 0 ? QString()
                   : QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QByteArray json(const QJsonValue &value)
{
    return value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented)
                           : QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented);
}

QByteArray csv(const QList<QStringList> &rows)
{
    QByteArray out;
    for (const QStringList &row : rows) {
        QStringList cells;
        for (const QString &cell : row) {
            cells.append(AuditLog::csvCell(cell));
        }
        out += (cells.join(QLatin1Char(',')) + QLatin1String("\r\n")).toUtf8();
    }
    return out;
}

QList<Task> tasksOf(const Onboarding &onboarding, std::optional<EvidenceType> kind = {})
{
    QList<Task> tasks;
    for (const Phase &phase : onboarding.phases) {
        for (const Task &task : phase.tasks) {
            if (!kind || task.evidenceType == *kind) {
                tasks.append(task);
            }
        }
    }
    return tasks;
}

QString answerText(const QJsonValue &answer)
{
    if (answer.isArray()) {
        QStringList parts;
        for (const QJsonValue &part : answer.toArray()) {
            parts.append(answerText(part));
        }
        return parts.join(QStringLiteral(", "));
    }
    if (answer.isBool()) {
        return answer.toBool() ? QStringLiteral("Yes") : QStringLiteral("No");
    }
    return answer.isDouble() ? QString::number(answer.toDouble()) : answer.toString();
}

// The answers as a document a person reads; the JSON beside it is what a program reads.
QByteArray formPdf(const Task &task, const FormDefinition &form, const QList<FormEntry> &entries)
{
    QString html = QStringLiteral("<h2>%1</h2>").arg(task.title.toHtmlEscaped());
    for (const FormEntry &entry : entries) {
        html += QStringLiteral("<p><b>Entry %1</b> by %2, last saved %3 (UTC)</p><table border=1 "
                               "cellpadding=4 cellspacing=0 width=100%>")
                    .arg(entry.id)
                    .arg(entry.authorName.toHtmlEscaped(), isoTime(entry.updatedAtMs));
        for (const FormField &field : form.fields) {
            html += QStringLiteral("<tr><td width=35%>%1</td><td>%2</td></tr>")
                        .arg(field.label.toHtmlEscaped(),
                             answerText(entry.answers.value(field.id)).toHtmlEscaped());
        }
        html += QStringLiteral("</table>");
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setTitle(task.title);
        QTextDocument document;
        document.setHtml(html);
        document.print(&writer);
    }
    return bytes;
}

} // namespace

QString slug(const QString &text)
{
    QString slug = text.toLower();
    slug.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    slug = slug.left(40);
    slug.remove(QRegularExpression(QStringLiteral("^-+|-+$")));
    return slug;
}

QString taskFileStem(const Task &task)
{
    const QString readable = slug(task.title);
    return QStringLiteral("task-%1").arg(task.id)
           + (readable.isEmpty() ? QString() : QLatin1Char('-') + readable);
}

bool overview(const Database &db, const Onboarding &onboarding, QList<EvidencePack::File> *files,
              QString *error)
{
    const std::optional<Workspace> workspace = DirectoryRepository(db).workspace(error);
    if (!workspace) {
        return false;
    }
    QHash<qint64, QString> staffNames;
    for (const StaffMember &member : DirectoryRepository(db).staffList(workspace->id, error)) {
        staffNames.insert(member.id, member.name);
    }
    QJsonArray phases;
    for (const Phase &phase : onboarding.phases) {
        QJsonArray tasks;
        for (const Task &task : phase.tasks) {
            tasks.append(QJsonObject{
                {QStringLiteral("id"), task.id},
                {QStringLiteral("title"), task.title},
                {QStringLiteral("kind"), toKey(task.evidenceType)},
                {QStringLiteral("doneBy"), toKey(task.ownerSide)},
                {QStringLiteral("status"), toKey(task.status)},
                {QStringLiteral("due"), task.dueDate.toString(Qt::ISODate)},
                {QStringLiteral("completedAt"), isoTime(task.completedAtMs)},
                {QStringLiteral("completedBy"), task.completedBy},
                {QStringLiteral("note"), task.completionNote},
                {QStringLiteral("staffOwner"), staffNames.value(task.staffOwnerId)},
            });
        }
        phases.append(
            QJsonObject{{QStringLiteral("name"), phase.name}, {QStringLiteral("tasks"), tasks}});
    }
    const QJsonObject root{
        {QStringLiteral("workspace"), workspace->name},
        {QStringLiteral("company"), onboarding.companyName},
        {QStringLiteral("onboarding"), onboarding.name},
        {QStringLiteral("onboardingId"), onboarding.id},
        {QStringLiteral("started"), onboarding.startDate.toString(Qt::ISODate)},
        {QStringLiteral("owner"), staffNames.value(onboarding.ownerStaffId)},
        {QStringLiteral("tasksCompleted"), onboarding.progress.completed},
        {QStringLiteral("tasksTotal"), onboarding.progress.total},
        {QStringLiteral("phases"), phases},
    };
    files->append({QStringLiteral("onboarding.json"), json(root)});
    return true;
}

bool documents(const Database &db, const Onboarding &onboarding, QList<EvidencePack::File> *files,
               QString *error)
{
    QList<QStringList> rows{
        {QStringLiteral("task_id"), QStringLiteral("task"), QStringLiteral("role"),
         QStringLiteral("file_name"), QStringLiteral("media_type"), QStringLiteral("size_bytes"),
         QStringLiteral("sha256"), QStringLiteral("uploaded_by"), QStringLiteral("uploaded_at_utc"),
         QStringLiteral("review"), QStringLiteral("reviewed_by"), QStringLiteral("reviewed_at_utc"),
         QStringLiteral("review_note")}};
    TaskFileRepository taskFiles(db);
    for (const Task &task : tasksOf(onboarding)) {
        const QList<TaskFile> list = taskFiles.forTask(task.id, error);
        if (error && !error->isEmpty()) {
            return false;
        }
        for (const TaskFile &file : list) {
            rows.append({QString::number(task.id), task.title, toKey(file.role), file.file.name,
                         file.file.mediaType, QString::number(file.file.size), file.file.sha256,
                         file.uploadedBy, isoTime(file.createdAtMs), toKey(file.review),
                         file.reviewedBy, isoTime(file.reviewedAtMs), file.reviewNote});
        }
    }
    files->append({QStringLiteral("documents.csv"), csv(rows)});
    return true;
}

bool signatures(const Database &db, const Clock &clock, const Onboarding &onboarding,
                QList<EvidencePack::File> *files, QString *error)
{
    SignatureService service(db, clock, QString());
    for (const Task &task : tasksOf(onboarding, EvidenceType::Signature)) {
        ServiceError serviceError;
        const std::optional<SignatureEvidence> evidence
            = service.forTask(task.id, onboarding.companyId, &serviceError);
        if (!evidence) {
            continue; // not signed yet
        }
        QString why;
        const bool verifies = service.verify(*evidence, &why);
        const QString stem = QStringLiteral("signatures/") + taskFileStem(task);
        files->append({stem + QStringLiteral(".json"),
                       json(QJsonObject{
                           {QStringLiteral("task"), task.title},
                           {QStringLiteral("signerName"), evidence->signerName},
                           {QStringLiteral("signerEmail"), evidence->signerEmail},
                           {QStringLiteral("method"), toKey(evidence->method)},
                           {QStringLiteral("document"), evidence->documentName},
                           {QStringLiteral("documentSha256"), evidence->documentSha256},
                           {QStringLiteral("ip"), evidence->ip},
                           {QStringLiteral("userAgent"), evidence->userAgent},
                           {QStringLiteral("signedAt"), isoTime(evidence->signedAtMs)},
                           {QStringLiteral("evidenceSha256"), evidence->evidenceSha256},
                           {QStringLiteral("verifiesNow"), verifies},
                           {QStringLiteral("verification"), why},
                       })});
        files->append({stem + QStringLiteral("-signature.png"), evidence->image});
        if (evidence->signedPdfFileId != 0) {
            const std::optional<QByteArray> pdf
                = FileStore(db).readAll(evidence->signedPdfFileId, error);
            if (!pdf) {
                return false;
            }
            files->append({stem + QStringLiteral("-certificate.pdf"), *pdf});
        }
    }
    return true;
}

bool forms(const Database &db, const Onboarding &onboarding, QList<EvidencePack::File> *files,
           QString *error)
{
    for (const Task &task : tasksOf(onboarding, EvidenceType::Form)) {
        const QList<FormEntry> entries = FormEntryRepository(db).forTask(task.id, error);
        if (error && !error->isEmpty()) {
            return false;
        }
        const std::optional<FormDefinition> form = FormDefinition::fromConfig(task.config, nullptr);
        if (entries.isEmpty() || !form) {
            continue;
        }
        QJsonArray fields;
        for (const FormField &field : form->fields) {
            fields.append(QJsonObject{{QStringLiteral("id"), field.id},
                                      {QStringLiteral("label"), field.label}});
        }
        QJsonArray answers;
        for (const FormEntry &entry : entries) {
            answers.append(QJsonObject{{QStringLiteral("entry"), entry.id},
                                       {QStringLiteral("author"), entry.authorName},
                                       {QStringLiteral("createdAt"), isoTime(entry.createdAtMs)},
                                       {QStringLiteral("updatedAt"), isoTime(entry.updatedAtMs)},
                                       {QStringLiteral("answers"), entry.answers}});
        }
        const QString stem = QStringLiteral("forms/") + taskFileStem(task);
        files->append({stem + QStringLiteral(".json"),
                       json(QJsonObject{{QStringLiteral("task"), task.title},
                                        {QStringLiteral("fields"), fields},
                                        {QStringLiteral("entries"), answers}})});
        files->append({stem + QStringLiteral(".pdf"), formPdf(task, *form, entries)});
    }
    return true;
}

bool decisions(const Database &db, const Onboarding &onboarding, QList<EvidencePack::File> *files,
               QString *error)
{
    QJsonArray approvals;
    ApprovalService approvalService(db, Clock::system());
    for (const Task &task : tasksOf(onboarding, EvidenceType::Approval)) {
        ServiceError serviceError;
        const std::optional<QList<ApprovalDecision>> list
            = approvalService.decisions(task.id, onboarding.companyId, &serviceError);
        for (const ApprovalDecision &decision : list.value_or(QList<ApprovalDecision>())) {
            approvals.append(QJsonObject{{QStringLiteral("taskId"), task.id},
                                         {QStringLiteral("task"), task.title},
                                         {QStringLiteral("by"), decision.contactName},
                                         {QStringLiteral("approved"), decision.approved},
                                         {QStringLiteral("comment"), decision.comment},
                                         {QStringLiteral("ip"), decision.ip},
                                         {QStringLiteral("userAgent"), decision.userAgent},
                                         {QStringLiteral("at"), isoTime(decision.createdAtMs)}});
        }
    }
    QJsonArray ticks;
    for (const Task &task : tasksOf(onboarding, EvidenceType::Checklist)) {
        const QList<ChecklistTick> history = ChecklistRepository(db).history(task.id, error);
        if (error && !error->isEmpty()) {
            return false;
        }
        for (const ChecklistTick &tick : history) {
            ticks.append(QJsonObject{{QStringLiteral("taskId"), task.id},
                                     {QStringLiteral("task"), task.title},
                                     {QStringLiteral("item"), tick.itemId},
                                     {QStringLiteral("ticked"), tick.ticked},
                                     {QStringLiteral("byKind"), tick.actorKind},
                                     {QStringLiteral("by"), tick.actorName},
                                     {QStringLiteral("at"), isoTime(tick.atMs)}});
        }
    }
    files->append({QStringLiteral("approvals.json"), json(approvals)});
    files->append({QStringLiteral("checklists.json"), json(ticks)});
    return true;
}

bool auditEvents(const Database &db, const Onboarding &onboarding, QList<EvidencePack::File> *files,
                 QString *error)
{
    AuditFilter filter;
    filter.subjects.append(AuditEvent::subjectOf("onboarding", onboarding.id));
    for (const Task &task : tasksOf(onboarding)) {
        filter.subjects.append(AuditEvent::subjectOf("task", task.id));
    }
    SqlQuery questions(db, QStringLiteral("SELECT id FROM question WHERE onboarding_id = ?"));
    questions << onboarding.id;
    if (!questions.exec(error)) {
        return false;
    }
    while (questions.next()) {
        filter.subjects.append(AuditEvent::subjectOf("question", questions.int64(0)));
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (AuditLog(db).exportCsv(&buffer, filter, error) < 0) {
        return false;
    }
    files->append({QStringLiteral("audit-events.csv"), bytes});
    return true;
}

} // namespace Gatehouse::EvidenceSections
