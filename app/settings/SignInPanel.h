#pragma once

#include "core/ConsoleContext.h"

#include <QWidget>

class QCheckBox;
class QPushButton;
class QSpinBox;

namespace Gatehouse {

class ErrorLabel;

// How clients get into the portal: whether new contacts have access (ACC-9), whether an
// authenticator app is required (ACC-10), and how long the ways in last (ACC-5, ACC-6): the
// emailed code and link, a session since its last use, and a staff member's view of the portal
// as a contact (CON-7). Ctrl+S saves.
class SignInPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SignInPanel(const ConsoleContext &context, QWidget *parent = nullptr);

    void reload();
    bool save();

    QCheckBox *newContactsAccessBox() const { return m_newContactsAccess; }
    QCheckBox *requireTotpBox() const { return m_requireTotp; }
    QSpinBox *codeMinutesBox() const { return m_codeMinutes; }
    QSpinBox *sessionHoursBox() const { return m_sessionHours; }
    QSpinBox *viewMinutesBox() const { return m_viewMinutes; }
    ErrorLabel *errorLabel() const { return m_error; }

private:
    ConsoleContext m_context;
    QCheckBox *m_newContactsAccess;
    QCheckBox *m_requireTotp;
    QSpinBox *m_codeMinutes;
    QSpinBox *m_sessionHours;
    QSpinBox *m_viewMinutes;
    QPushButton *m_save;
    ErrorLabel *m_error;
};

} // namespace Gatehouse
