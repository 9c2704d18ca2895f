#pragma once

#include "domain/Onboarding.h"

#include <QAbstractItemModel>

#include <optional>

namespace Gatehouse {

// One onboarding as a tree: its phases at the top level, their tasks below. A phase's row shows
// how many of its tasks are done.
class OnboardingTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column {
        TitleColumn,
        OwnerColumn,
        EvidenceColumn,
        StatusColumn,
        DueColumn,
        NoteColumn,
        ColumnCount
    };
    enum Role {
        TaskIdRole = Qt::UserRole + 1, // 0 on a phase row
        PhaseIdRole,
        OwnerSideRole, // OwnerSide as int, tasks only
        StatusRole,    // TaskStatus as int, tasks only
    };

    explicit OnboardingTreeModel(QObject *parent = nullptr);

    // Replaces the content. When the phases and tasks are the same ones (a refresh after a status
    // change) only the cells are announced as changed, so selection and expansion stay.
    // Returns true when the model was reset instead.
    bool setOnboarding(const Onboarding &onboarding);
    void clear();
    const Onboarding &onboarding() const { return m_onboarding; }

    std::optional<Task> taskAt(const QModelIndex &index) const;
    QModelIndex indexOfTask(qint64 taskId, int column = TitleColumn) const;

    QModelIndex index(int row, int column,
                      const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    bool hasSameShape(const Onboarding &other) const;
    QVariant phaseData(const Phase &phase, int column, int role) const;
    QVariant taskData(const Task &task, int column, int role) const;

    Onboarding m_onboarding;
};

} // namespace Gatehouse
