#include "TemplateTreeModel.h"

#include <QFont>

namespace Gatehouse {

namespace {

// A phase's index carries 0; a task's carries its phase's key.
constexpr quintptr kPhaseId = 0;

} // namespace

TemplateTreeModel::TemplateTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

void TemplateTreeModel::setTemplate(const OnboardingTemplate &tmpl)
{
    beginResetModel();
    m_template = tmpl;
    m_phaseKeys.clear();
    for (int p = 0; p < tmpl.phases.size(); ++p) {
        m_phaseKeys.append(m_nextKey++);
    }
    endResetModel();
}

bool TemplateTreeModel::isPhase(const QModelIndex &index) const
{
    return index.isValid() && index.internalId() == kPhaseId;
}

bool TemplateTreeModel::isTask(const QModelIndex &index) const
{
    return index.isValid() && index.internalId() != kPhaseId;
}

int TemplateTreeModel::phaseOf(const QModelIndex &index) const
{
    if (!index.isValid()) {
        return -1;
    }
    return isPhase(index) ? index.row() : phaseRowOfKey(index.internalId());
}

int TemplateTreeModel::phaseRowOfKey(quintptr key) const
{
    return int(m_phaseKeys.indexOf(key));
}

QModelIndex TemplateTreeModel::phaseIndex(int phase, int column) const
{
    return index(phase, column);
}

QModelIndex TemplateTreeModel::taskIndex(int phase, int task, int column) const
{
    return index(task, column, phaseIndex(phase));
}

const TemplateTask *TemplateTreeModel::taskAt(const QModelIndex &index) const
{
    if (!isTask(index)) {
        return nullptr;
    }
    return &m_template.phases.at(phaseOf(index)).tasks.at(index.row());
}

QModelIndex TemplateTreeModel::insertPhase(int at, const TemplatePhase &phase)
{
    at = qBound(0, at, int(m_template.phases.size()));
    beginInsertRows(QModelIndex(), at, at);
    m_template.phases.insert(at, phase);
    m_phaseKeys.insert(at, m_nextKey++);
    endInsertRows();
    Q_EMIT edited();
    return phaseIndex(at);
}

QModelIndex TemplateTreeModel::insertTask(int phase, int at, const TemplateTask &task)
{
    if (phase < 0 || phase >= m_template.phases.size()) {
        return {};
    }
    QList<TemplateTask> &tasks = m_template.phases[phase].tasks;
    at = qBound(0, at, int(tasks.size()));
    beginInsertRows(phaseIndex(phase), at, at);
    tasks.insert(at, task);
    endInsertRows();
    Q_EMIT edited();
    return taskIndex(phase, at);
}

QModelIndex TemplateTreeModel::move(const QModelIndex &index, int delta)
{
    if (isPhase(index)) {
        return movePhase(index.row(), delta);
    }
    if (isTask(index)) {
        return moveTask(phaseOf(index), index.row(), delta);
    }
    return {};
}

QModelIndex TemplateTreeModel::movePhase(int phase, int delta)
{
    const int to = phase + delta;
    if (to < 0 || to >= m_template.phases.size() || delta == 0) {
        return phaseIndex(phase);
    }
    // Qt counts the destination before the move: one past the target when moving down.
    beginMoveRows(QModelIndex(), phase, phase, QModelIndex(), delta > 0 ? to + 1 : to);
    m_template.phases.move(phase, to);
    m_phaseKeys.move(phase, to);
    endMoveRows();
    Q_EMIT edited();
    return phaseIndex(to);
}

QModelIndex TemplateTreeModel::moveTask(int phase, int task, int delta)
{
    QList<TemplateTask> &tasks = m_template.phases[phase].tasks;
    const int to = task + delta;
    if (to >= 0 && to < tasks.size()) {
        beginMoveRows(phaseIndex(phase), task, task, phaseIndex(phase), delta > 0 ? to + 1 : to);
        tasks.move(task, to);
        endMoveRows();
        Q_EMIT edited();
        return taskIndex(phase, to);
    }
    // Past the edge of its phase: to the end of the phase before or the start of the next.
    const int otherPhase = phase + (delta > 0 ? 1 : -1);
    if (otherPhase < 0 || otherPhase >= m_template.phases.size()) {
        return taskIndex(phase, task);
    }
    QList<TemplateTask> &other = m_template.phases[otherPhase].tasks;
    const int at = delta > 0 ? 0 : int(other.size());
    beginMoveRows(phaseIndex(phase), task, task, phaseIndex(otherPhase), at);
    other.insert(at, tasks.takeAt(task));
    endMoveRows();
    Q_EMIT edited();
    return taskIndex(otherPhase, at);
}

bool TemplateTreeModel::remove(const QModelIndex &index)
{
    if (isPhase(index)) {
        beginRemoveRows(QModelIndex(), index.row(), index.row());
        m_template.phases.removeAt(index.row());
        m_phaseKeys.removeAt(index.row());
        endRemoveRows();
    } else if (isTask(index)) {
        const int phase = phaseOf(index);
        beginRemoveRows(phaseIndex(phase), index.row(), index.row());
        m_template.phases[phase].tasks.removeAt(index.row());
        endRemoveRows();
    } else {
        return false;
    }
    Q_EMIT edited();
    return true;
}

void TemplateTreeModel::setPhaseName(int phase, const QString &name)
{
    if (phase < 0 || phase >= m_template.phases.size()
        || m_template.phases.at(phase).name == name) {
        return;
    }
    m_template.phases[phase].name = name;
    Q_EMIT dataChanged(phaseIndex(phase), phaseIndex(phase));
    Q_EMIT edited();
}

void TemplateTreeModel::setTask(int phase, int task, const TemplateTask &value)
{
    if (phase < 0 || phase >= m_template.phases.size() || task < 0
        || task >= m_template.phases.at(phase).tasks.size()) {
        return;
    }
    TemplateTask &stored = m_template.phases[phase].tasks[task];
    if (stored == value) {
        return;
    }
    stored = value;
    Q_EMIT dataChanged(taskIndex(phase, task, TitleColumn), taskIndex(phase, task, DueColumn));
    Q_EMIT edited();
}

QModelIndex TemplateTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent)) {
        return {};
    }
    if (!parent.isValid()) {
        return createIndex(row, column, kPhaseId);
    }
    return createIndex(row, column, m_phaseKeys.at(parent.row()));
}

QModelIndex TemplateTreeModel::parent(const QModelIndex &child) const
{
    if (!isTask(child)) {
        return {};
    }
    const int row = phaseRowOfKey(child.internalId());
    return row < 0 ? QModelIndex() : createIndex(row, 0, kPhaseId);
}

int TemplateTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid()) {
        return int(m_template.phases.size());
    }
    if (isPhase(parent) && parent.column() == 0) {
        return int(m_template.phases.at(parent.row()).tasks.size());
    }
    return 0;
}

int TemplateTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant TemplateTreeModel::taskData(const TemplateTask &task, int column, int role) const
{
    if (role != Qt::DisplayRole && role != Qt::EditRole) {
        return {};
    }
    switch (column) {
    case TitleColumn:
        return task.title;
    case KindColumn:
        return displayName(task.evidenceType);
    case OwnerColumn:
        return displayName(task.ownerSide);
    case DueColumn:
        return role == Qt::EditRole ? QVariant(task.dueOffsetDays)
                                    : QVariant(tr("Day %1").arg(task.dueOffsetDays));
    default:
        return {};
    }
}

QVariant TemplateTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    if (isPhase(index)) {
        const TemplatePhase &phase = m_template.phases.at(index.row());
        if (index.column() != TitleColumn) {
            return {};
        }
        if (role == Qt::DisplayRole || role == Qt::EditRole) {
            return phase.name;
        }
        if (role == Qt::FontRole) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    }
    const TemplateTask *task = taskAt(index);
    return task ? taskData(*task, index.column(), role) : QVariant();
}

bool TemplateTreeModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || index.column() != TitleColumn
        || !checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return false;
    }
    if (isPhase(index)) {
        setPhaseName(index.row(), value.toString());
        return true;
    }
    TemplateTask task = *taskAt(index);
    task.title = value.toString();
    setTask(phaseOf(index), index.row(), task);
    return true;
}

Qt::ItemFlags TemplateTreeModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractItemModel::flags(index);
    if (index.isValid() && index.column() == TitleColumn) {
        flags |= Qt::ItemIsEditable;
    }
    return flags;
}

QVariant TemplateTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case TitleColumn:
        return tr("Phase / task");
    case KindColumn:
        return tr("Kind");
    case OwnerColumn:
        return tr("Done by");
    case DueColumn:
        return tr("Due");
    default:
        return {};
    }
}

} // namespace Gatehouse
