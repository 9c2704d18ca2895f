#include "QuestionListModel.h"

#include "AuditModel.h"

#include <QFont>

#include <algorithm>

namespace Gatehouse {

QuestionListModel::QuestionListModel(QObject *parent)
    : RowListModel(parent)
{}

int QuestionListModel::openCount() const
{
    return int(std::count_if(rows().cbegin(), rows().cend(),
                             [](const Question &question) { return question.answeredAtMs == 0; }));
}

int QuestionListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QuestionListModel::data(const QModelIndex &index, int role) const
{
    const Question *question = rowFor(index);
    if (!question) {
        return {};
    }
    const bool open = question->answeredAtMs == 0;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StateColumn:
            return open ? tr("Open") : tr("Answered");
        case CompanyColumn:
            return question->company;
        case AskedByColumn:
            return question->askedBy;
        case QuestionColumn:
            return question->body.simplified().left(140);
        case AskedColumn:
            return AuditModel::timeText(question->createdAtMs);
        }
        break;
    case Qt::FontRole:
        if (open) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        break;
    case Qt::ToolTipRole:
        return question->body;
    case IdRole:
        return question->id;
    case OpenRole:
        return open;
    default:
        break;
    }
    return {};
}

QVariant QuestionListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return RowListModel::headerData(section, orientation, role);
    }
    switch (section) {
    case StateColumn:
        return tr("State");
    case CompanyColumn:
        return tr("Client");
    case AskedByColumn:
        return tr("Asked by");
    case QuestionColumn:
        return tr("Question");
    case AskedColumn:
        return tr("Asked");
    }
    return {};
}

} // namespace Gatehouse
