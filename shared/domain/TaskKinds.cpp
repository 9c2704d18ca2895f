#include "TaskKinds.h"

#include <QCoreApplication>

namespace Gatehouse {

namespace {

template<typename Enum, size_t N>
std::optional<Enum> lookup(const QString &text, const std::pair<Enum, const char *> (&table)[N])
{
    for (const auto &entry : table) {
        if (text == QLatin1String(entry.second)) {
            return entry.first;
        }
    }
    return std::nullopt;
}

template<typename Enum, size_t N>
QString name(Enum value, const std::pair<Enum, const char *> (&table)[N])
{
    for (const auto &entry : table) {
        if (entry.first == value) {
            return QString::fromLatin1(entry.second);
        }
    }
    return QString();
}

const std::pair<TaskStatus, const char *> kStatuses[] = {
    {TaskStatus::Pending, "pending"},
    {TaskStatus::InProgress, "in_progress"},
    {TaskStatus::Completed, "completed"},
    {TaskStatus::Blocked, "blocked"},
};
const std::pair<OwnerSide, const char *> kSides[] = {
    {OwnerSide::Msp, "msp"},
    {OwnerSide::Client, "client"},
};
const std::pair<EvidenceType, const char *> kTypes[] = {
    {EvidenceType::Standard, "standard"},     {EvidenceType::Meeting, "meeting"},
    {EvidenceType::Upload, "upload"},         {EvidenceType::Signature, "signature"},
    {EvidenceType::Credential, "credential"}, {EvidenceType::FileDrop, "file_drop"},
    {EvidenceType::Training, "training"},     {EvidenceType::Form, "form"},
    {EvidenceType::Checklist, "checklist"},   {EvidenceType::Approval, "approval"},
};

} // namespace

QString toKey(TaskStatus status)
{
    return name(status, kStatuses);
}
QString toKey(OwnerSide side)
{
    return name(side, kSides);
}
QString toKey(EvidenceType type)
{
    return name(type, kTypes);
}
std::optional<TaskStatus> taskStatusFromString(const QString &text)
{
    return lookup(text, kStatuses);
}
std::optional<OwnerSide> ownerSideFromString(const QString &text)
{
    return lookup(text, kSides);
}
std::optional<EvidenceType> evidenceTypeFromString(const QString &text)
{
    return lookup(text, kTypes);
}

QString displayName(TaskStatus status)
{
    switch (status) {
    case TaskStatus::Pending:
        return QCoreApplication::translate("Gatehouse::Task", "Pending");
    case TaskStatus::InProgress:
        return QCoreApplication::translate("Gatehouse::Task", "In progress");
    case TaskStatus::Completed:
        return QCoreApplication::translate("Gatehouse::Task", "Completed");
    case TaskStatus::Blocked:
        return QCoreApplication::translate("Gatehouse::Task", "Blocked");
    }
    return QString();
}

QString displayName(OwnerSide side)
{
    switch (side) {
    case OwnerSide::Msp:
        return QCoreApplication::translate("Gatehouse::Task", "MSP");
    case OwnerSide::Client:
        return QCoreApplication::translate("Gatehouse::Task", "Client");
    }
    return QString();
}

QString displayName(EvidenceType type)
{
    switch (type) {
    case EvidenceType::Standard:
        return QCoreApplication::translate("Gatehouse::Task", "Task");
    case EvidenceType::Meeting:
        return QCoreApplication::translate("Gatehouse::Task", "Meeting");
    case EvidenceType::Upload:
        return QCoreApplication::translate("Gatehouse::Task", "Document upload");
    case EvidenceType::Signature:
        return QCoreApplication::translate("Gatehouse::Task", "Signature");
    case EvidenceType::Credential:
        return QCoreApplication::translate("Gatehouse::Task", "Credentials");
    case EvidenceType::FileDrop:
        return QCoreApplication::translate("Gatehouse::Task", "Secure file drop");
    case EvidenceType::Training:
        return QCoreApplication::translate("Gatehouse::Task", "Training");
    case EvidenceType::Form:
        return QCoreApplication::translate("Gatehouse::Task", "Form");
    case EvidenceType::Checklist:
        return QCoreApplication::translate("Gatehouse::Task", "Checklist");
    case EvidenceType::Approval:
        return QCoreApplication::translate("Gatehouse::Task", "Approval");
    }
    return QString();
}

} // namespace Gatehouse
