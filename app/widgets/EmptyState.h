#pragma once

#include <QStackedWidget>

class QLabel;

namespace Gatehouse {

// Shows a view, or in its place a short sentence saying why it is empty and what to do.
class EmptyState : public QStackedWidget
{
    Q_OBJECT
public:
    EmptyState(QWidget *content, const QString &message, QWidget *parent = nullptr);

    void setMessage(const QString &message);
    QString message() const;
    void setEmpty(bool empty);
    bool isEmpty() const { return currentIndex() == 1; }

private:
    QLabel *m_label;
};

} // namespace Gatehouse
