#pragma once

#include <QString>

#include <optional>

namespace Gatehouse {

enum class TaskStatus { Pending, InProgress, Completed, Blocked };
enum class OwnerSide { Msp, Client };
enum class EvidenceType {
    Standard,
    Meeting,
    Upload,
    Signature,
    Credential,
    FileDrop,
    Training,
    Form,
    Checklist,
    Approval
};

// Stable names as stored in the database and spoken by the API.
QString toKey(TaskStatus status);
QString toKey(OwnerSide side);
QString toKey(EvidenceType type);
std::optional<TaskStatus> taskStatusFromString(const QString &text);
std::optional<OwnerSide> ownerSideFromString(const QString &text);
std::optional<EvidenceType> evidenceTypeFromString(const QString &text);

// Words for people, translated.
QString displayName(TaskStatus status);
QString displayName(OwnerSide side);
QString displayName(EvidenceType type);

} // namespace Gatehouse
