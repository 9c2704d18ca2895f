#include "OnboardingTreeModel.h"

#include <QBrush>
#include <QDateTime>
#include <QFont>
#include <QLocale>

namespace Gatehouse {

namespace {

// A task's index carries its phase's row + 1 as internal id; a phase's index carries 0.
constexpr quintptr kPhaseRowId = 0;

int doneCount(const Phase &phase)
{
    int done = 0;
    for (const Task &task : phase.tasks) {
        done += task.status == TaskStatus::Completed ? 1 : 0;
    }
    return done;
}

} // namespace

OnboardingTreeModel::OnboardingTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

bool OnboardingTreeModel::hasSameShape(const Onboarding &other) const
{
    if (other.id != m_onboarding.id || other.phases.size() != m_onboarding.phases.size()) {
        return false;
    }
    for (int p = 0; p < other.phases.size(); ++p) {
        const Phase &mine = m_onboarding.phases.at(p);
        const Phase &theirs = other.phases.at(p);
        if (mine.id != theirs.id || mine.tasks.size() != theirs.tasks.size()) {
            return false;
        }
        for (int t = 0; t < mine.tasks.size(); ++t) {
            if (mine.tasks.at(t).id != theirs.tasks.at(t).id) {
                return false;
            }
        }
    }
    return true;
}

bool OnboardingTreeModel::setOnboarding(const Onboarding &onboarding)
{
    if (!hasSameShape(onboarding)) {
        beginResetModel();
        m_onboarding = onboarding;
        endResetModel();
        return true;
    }
    m_onboarding = onboarding;
    for (int p = 0; p < m_onboarding.phases.size(); ++p) {
        const QModelIndex phase = index(p, 0);
        Q_EMIT dataChanged(phase, index(p, ColumnCount - 1));
        const int tasks = int(m_onboarding.phases.at(p).tasks.size());
        if (tasks > 0) {
            Q_EMIT dataChanged(index(0, 0, phase), index(tasks - 1, ColumnCount - 1, phase));
        }
    }
    return false;
}

void OnboardingTreeModel::clear()
{
    beginResetModel();
    m_onboarding = Onboarding();
    endResetModel();
}

std::optional<Task> OnboardingTreeModel::taskAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.internalId() == kPhaseRowId) {
        return std::nullopt;
    }
    return m_onboarding.phases.at(int(index.internalId() - 1)).tasks.at(index.row());
}

QModelIndex OnboardingTreeModel::indexOfTask(qint64 taskId, int column) const
{
    for (int p = 0; p < m_onboarding.phases.size(); ++p) {
        const QList<Task> &tasks = m_onboarding.phases.at(p).tasks;
        for (int t = 0; t < tasks.size(); ++t) {
            if (tasks.at(t).id == taskId) {
                return createIndex(t, column, quintptr(p + 1));
            }
        }
    }
    return {};
}

QModelIndex OnboardingTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent)) {
        return {};
    }
    if (!parent.isValid()) {
        return createIndex(row, column, kPhaseRowId);
    }
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex OnboardingTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kPhaseRowId) {
        return {};
    }
    return createIndex(int(child.internalId() - 1), 0, kPhaseRowId);
}

int OnboardingTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid()) {
        return int(m_onboarding.phases.size());
    }
    if (parent.column() != 0 || parent.internalId() != kPhaseRowId) {
        return 0; // tasks have no children; only the first column has any
    }
    return int(m_onboarding.phases.at(parent.row()).tasks.size());
}

int OnboardingTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant OnboardingTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    if (index.internalId() == kPhaseRowId) {
        return phaseData(m_onboarding.phases.at(index.row()), index.column(), role);
    }
    const Phase &phase = m_onboarding.phases.at(int(index.internalId() - 1));
    return taskData(phase.tasks.at(index.row()), index.column(), role);
}

QVariant OnboardingTreeModel::phaseData(const Phase &phase, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        if (column == TitleColumn) {
            return phase.name;
        }
        if (column == StatusColumn) {
            return tr("%1/%2").arg(doneCount(phase)).arg(phase.tasks.size());
        }
        break;
    case Qt::ToolTipRole:
        if (column == StatusColumn) {
            return tr("%1 of %2 tasks in this phase are done")
                .arg(doneCount(phase))
                .arg(phase.tasks.size());
        }
        break;
    case Qt::FontRole: {
        QFont font;
        font.setBold(true);
        return font;
    }
    case PhaseIdRole:
        return phase.id;
    case TaskIdRole:
        return qint64(0);
    default:
        break;
    }
    return {};
}

QVariant OnboardingTreeModel::taskData(const Task &task, int column, int role) const
{
    const bool overdue = task.status != TaskStatus::Completed && task.dueDate.isValid()
                         && task.dueDate < QDate::currentDate();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case TitleColumn:
            return task.title;
        case OwnerColumn:
            return displayName(task.ownerSide);
        case EvidenceColumn:
            return displayName(task.evidenceType);
        case StatusColumn:
            return displayName(task.status);
        case DueColumn:
            return QLocale().toString(task.dueDate, QLocale::ShortFormat);
        case NoteColumn:
            return task.completionNote.simplified();
        }
        break;
    case Qt::ToolTipRole:
        if (column == TitleColumn && !task.description.isEmpty()) {
            return task.description;
        }
        if (column == NoteColumn && !task.completionNote.isEmpty()) {
            return task.completionNote;
        }
        if (column == DueColumn && overdue) {
            return tr("Overdue");
        }
        if (column == StatusColumn && task.status == TaskStatus::Completed
            && !task.completedBy.isEmpty()) {
            return tr("Completed by %1 on %2")
                .arg(task.completedBy,
                     QLocale().toString(QDateTime::fromMSecsSinceEpoch(task.completedAtMs),
                                        QLocale::ShortFormat));
        }
        break;
    case Qt::ForegroundRole:
        if (column == DueColumn && overdue) {
            return QBrush(QColor(0xb0, 0x1e, 0x1e));
        }
        if (column == StatusColumn && task.status == TaskStatus::Completed) {
            return QBrush(QColor(0x1e, 0x7b, 0x34));
        }
        if (column == StatusColumn && task.status == TaskStatus::Blocked) {
            return QBrush(QColor(0xb0, 0x1e, 0x1e));
        }
        break;
    case TaskIdRole:
        return task.id;
    case PhaseIdRole:
        return task.phaseId;
    case OwnerSideRole:
        return int(task.ownerSide);
    case StatusRole:
        return int(task.status);
    default:
        break;
    }
    return {};
}

QVariant OnboardingTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractItemModel::headerData(section, orientation, role);
    }
    switch (section) {
    case TitleColumn:
        return tr("Task");
    case OwnerColumn:
        return tr("Done by");
    case EvidenceColumn:
        return tr("Type");
    case StatusColumn:
        return tr("Status");
    case DueColumn:
        return tr("Due");
    case NoteColumn:
        return tr("Completion note");
    default:
        return {};
    }
}

} // namespace Gatehouse
