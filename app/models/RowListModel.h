#pragma once

#include <QAbstractTableModel>
#include <QList>

namespace Gatehouse {

// A table over a list of rows that each have an `id`. Refreshing with the same rows in the same
// order (what a live update usually brings) announces changed cells only, so views keep their
// selection, current row and scroll position; anything else resets the model.
template<typename Row>
class RowListModel : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;

    void setRows(const QList<Row> &rows)
    {
        bool sameRows = rows.size() == m_rows.size();
        for (int row = 0; sameRows && row < m_rows.size(); ++row) {
            sameRows = rows.at(row).id == m_rows.at(row).id;
        }
        if (!sameRows) {
            beginResetModel();
            m_rows = rows;
            endResetModel();
            return;
        }
        m_rows = rows;
        if (!m_rows.isEmpty()) {
            Q_EMIT dataChanged(index(0, 0),
                               index(int(m_rows.size()) - 1, columnCount(QModelIndex()) - 1));
        }
    }

    const QList<Row> &rows() const { return m_rows; }

    // The row showing the item with this id, or -1.
    int rowOf(qint64 id) const
    {
        for (int row = 0; row < m_rows.size(); ++row) {
            if (m_rows.at(row).id == id) {
                return row;
            }
        }
        return -1;
    }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }

protected:
    // The row behind a valid index of this model, or nullptr.
    const Row *rowFor(const QModelIndex &index) const
    {
        if (!checkIndex(index,
                        CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
            return nullptr;
        }
        return &m_rows.at(index.row());
    }

private:
    QList<Row> m_rows;
};

} // namespace Gatehouse
