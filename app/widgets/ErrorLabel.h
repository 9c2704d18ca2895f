#pragma once

#include <QLabel>

namespace Gatehouse {

// A sentence in a dialog saying what went wrong; hidden until there is something to say.
class ErrorLabel : public QLabel
{
    Q_OBJECT
public:
    explicit ErrorLabel(QWidget *parent = nullptr);

    void showMessage(const QString &message);
};

} // namespace Gatehouse
