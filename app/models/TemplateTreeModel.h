#pragma once

#include "domain/Template.h"

#include <QAbstractItemModel>

namespace Gatehouse {

// A template being edited, as a tree: its phases at the top level, their tasks below. The model
// owns the working copy; the editor changes it through the methods below (or by renaming a row
// in place) and saves templateData() when staff ask. Every change emits edited().
class TemplateTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { TitleColumn, KindColumn, OwnerColumn, DueColumn, ColumnCount };

    explicit TemplateTreeModel(QObject *parent = nullptr);

    void setTemplate(const OnboardingTemplate &tmpl);
    const OnboardingTemplate &templateData() const { return m_template; }

    bool isPhase(const QModelIndex &index) const;
    bool isTask(const QModelIndex &index) const;
    // The phase a row is or belongs to; -1 for an invalid index.
    int phaseOf(const QModelIndex &index) const;
    QModelIndex phaseIndex(int phase, int column = TitleColumn) const;
    QModelIndex taskIndex(int phase, int task, int column = TitleColumn) const;
    const TemplateTask *taskAt(const QModelIndex &index) const;

    // Each returns the index of the row it added or moved to (column 0).
    QModelIndex insertPhase(int at, const TemplatePhase &phase);
    QModelIndex insertTask(int phase, int at, const TemplateTask &task);
    // Up or down by one; a task at the edge of its phase moves into the next phase.
    QModelIndex move(const QModelIndex &index, int delta);
    bool remove(const QModelIndex &index);
    void setPhaseName(int phase, const QString &name);
    void setTask(int phase, int task, const TemplateTask &value);

    QModelIndex index(int row, int column,
                      const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void edited();

private:
    QModelIndex movePhase(int phase, int delta);
    QModelIndex moveTask(int phase, int task, int delta);
    QVariant taskData(const TemplateTask &task, int column, int role) const;
    int phaseRowOfKey(quintptr key) const;

    OnboardingTemplate m_template;
    // A key per phase, in the phases' order, carried by its tasks' indexes: unlike the phase's
    // row it survives moves, so persistent indexes of tasks stay right.
    QList<quintptr> m_phaseKeys;
    quintptr m_nextKey = 1;
};

} // namespace Gatehouse
