#pragma once

#include "core/ServiceError.h"
#include "domain/Actor.h"
#include "domain/Onboarding.h"
#include "domain/TaskFile.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

class QIODevice;

namespace Gatehouse {

class Clock;
class Database;

// Documents on upload tasks (ONB-4, ONB-5): contacts upload, staff approve or reject with a
// note. Uploading moves the task to in progress; approving the last waiting file completes it;
// a rejection re-opens it. Every step is in the activity feed and the audit trail.
class DocumentService
{
public:
    DocumentService(const Database &db, const Clock &clock);

    static constexpr int kMaxNoteLength = 2000;

    // The file is read from source to its end, chunk by chunk, never whole: its size is what
    // source.bytesAvailable() says at the start, its type is judged by its first bytes (peeked),
    // its SHA-256 taken as it is stored.
    std::optional<TaskFile> upload(qint64 taskId, qint64 contactId, qint64 companyId,
                                   const QString &fileName, QIODevice &source, const QString &ip,
                                   ServiceError *error);
    std::optional<TaskFile> upload(qint64 taskId, qint64 contactId, qint64 companyId,
                                   const QString &fileName, const QByteArray &bytes,
                                   const QString &ip, ServiceError *error);
    // A task's files as its company's contacts see them; nullopt (NotFound) for another
    // company's task.
    std::optional<QList<TaskFile>> filesForCompany(qint64 taskId, qint64 companyId,
                                                   ServiceError *error) const;
    // A contact takes back an upload staff have not reviewed yet.
    [[nodiscard]] bool removeAsContact(qint64 taskFileId, qint64 contactId, qint64 companyId,
                                       const QString &ip, ServiceError *error);
    // Staff approve or reject an uploaded file; a rejection needs a note for the contact.
    [[nodiscard]] bool review(qint64 taskFileId, bool approve, const QString &note,
                              const Actor &actor, ServiceError *error);

    // Staff attach a document for the client to read, approve or sign (approval and signature
    // tasks): PDF, images, office or text files up to 100 MB, typed by their bytes.
    std::optional<TaskFile> attachAsStaff(qint64 taskId, const QString &fileName,
                                          const QByteArray &bytes, const Actor &actor,
                                          ServiceError *error);

    // A name safe to store and to send back in Content-Disposition: no folders, no control
    // characters, at most 200 characters; "file" when nothing is left.
    static QString cleanFileName(const QString &name);

private:
    // Pending when nothing is waiting or approved, completed when something is approved and
    // nothing waits, in progress otherwise.
    [[nodiscard]] bool settleStatus(const Task &task, qint64 companyId, const QString &by,
                                    qint64 nowMs, QString *error);

    const Database &m_db;
    const Clock &m_clock;
};

} // namespace Gatehouse
