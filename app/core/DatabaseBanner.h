#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace Gatehouse {

class DatabaseHealth;

// The strip across the top of the main window while the database cannot be reached: why, that
// the console keeps trying, and a Retry now button. Screen readers announce it as an alert.
class DatabaseBanner : public QFrame
{
    Q_OBJECT
public:
    explicit DatabaseBanner(DatabaseHealth *health, QWidget *parent = nullptr);

    QLabel *textLabel() const { return m_text; }
    QPushButton *retryButton() const { return m_retry; }

private:
    void showLost(const QString &reason);

    QLabel *m_text = nullptr;
    QPushButton *m_retry = nullptr;
};

} // namespace Gatehouse
