#include "TaskFile.h"

namespace Gatehouse {

QString toKey(ReviewState state)
{
    switch (state) {
    case ReviewState::Uploaded:
        return QStringLiteral("uploaded");
    case ReviewState::Approved:
        return QStringLiteral("approved");
    case ReviewState::Rejected:
        return QStringLiteral("rejected");
    }
    return QString();
}

std::optional<ReviewState> reviewStateFromString(const QString &text)
{
    for (const ReviewState state :
         {ReviewState::Uploaded, ReviewState::Approved, ReviewState::Rejected}) {
        if (toKey(state) == text) {
            return state;
        }
    }
    return std::nullopt;
}

QString toKey(TaskFile::Role role)
{
    switch (role) {
    case TaskFile::Role::Upload:
        return QStringLiteral("upload");
    case TaskFile::Role::Attachment:
        return QStringLiteral("attachment");
    case TaskFile::Role::Signed:
        return QStringLiteral("signed");
    }
    return QString();
}

} // namespace Gatehouse
