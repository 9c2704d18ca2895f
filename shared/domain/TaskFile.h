#pragma once

#include "StoredFile.h"

#include <QString>

#include <optional>

namespace Gatehouse {

enum class ReviewState { Uploaded, Approved, Rejected };

QString toKey(ReviewState state);
std::optional<ReviewState> reviewStateFromString(const QString &text);

// A file on a task: what a contact uploaded (reviewed by staff), what staff attached, or a
// result such as a signed PDF.
struct TaskFile
{
    enum class Role { Upload, Attachment, Signed };

    qint64 id = 0;
    qint64 taskId = 0;
    Role role = Role::Upload;
    qint64 contactId = 0; // who uploaded it; 0 for staff files
    QString uploadedBy;   // the contact's name
    StoredFile file;
    ReviewState review = ReviewState::Uploaded;
    QString reviewNote;
    QString reviewedBy;
    qint64 reviewedAtMs = 0;
    qint64 createdAtMs = 0;
};

QString toKey(TaskFile::Role role);

} // namespace Gatehouse
