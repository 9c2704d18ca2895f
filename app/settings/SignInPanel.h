#pragma once

#include "core/ConsoleContext.h"

#include <QWidget>

class QPushButton;
class QSpinBox;

namespace Gatehouse {

class ErrorLabel;

// How long the portal's ways in last (ACC-5, ACC-6): the emailed code and link, a session since
// its last use, and a staff member's view of the portal as a contact (CON-7). Ctrl+S saves.
class SignInPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SignInPanel(const ConsoleContext &context, QWidget *parent = nullptr);

    void reload();
    bool save();

    QSpinBox *codeMinutesBox() const { return m_codeMinutes; }
    QSpinBox *sessionHoursBox() const { return m_sessionHours; }
    QSpinBox *viewMinutesBox() const { return m_viewMinutes; }
    ErrorLabel *errorLabel() const { return m_error; }

private:
    ConsoleContext m_context;
    QSpinBox *m_codeMinutes;
    QSpinBox *m_sessionHours;
    QSpinBox *m_viewMinutes;
    QPushButton *m_save;
    ErrorLabel *m_error;
};

} // namespace Gatehouse
