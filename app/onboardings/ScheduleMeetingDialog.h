#pragma once

#include "core/ConsoleContext.h"
#include "domain/Onboarding.h"

#include <QDialog>
#include <QMap>

class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QLineEdit;
class QSpinBox;
class QTimeEdit;

namespace Gatehouse {

class ErrorLabel;

// Staff set a meeting task's date, time, time zone, duration and link. Saving mails each
// contact of the client with portal access an invitation with the calendar file; a refusal is
// shown next to the field it concerns and the fields keep what was typed.
class ScheduleMeetingDialog : public QDialog
{
    Q_OBJECT
public:
    ScheduleMeetingDialog(const ConsoleContext &context, const Task &task,
                          QWidget *parent = nullptr);

    QDateEdit *dateEdit() const { return m_date; }
    QTimeEdit *timeEdit() const { return m_time; }
    QComboBox *timeZoneBox() const { return m_timeZone; }
    QSpinBox *durationBox() const { return m_duration; }
    QLineEdit *urlEdit() const { return m_url; }
    QDialogButtonBox *buttons() const { return m_buttons; }
    // The message shown next to a field ("date", "time", "timeZone", "durationMinutes", "url"),
    // or under the form (""); empty when none is shown.
    QString errorText(const QString &field) const;

Q_SIGNALS:
    void scheduled(qint64 taskId);

private:
    void save();

    ConsoleContext m_context;
    Task m_task;
    QDateEdit *m_date;
    QTimeEdit *m_time;
    QComboBox *m_timeZone;
    QSpinBox *m_duration;
    QLineEdit *m_url;
    QMap<QString, ErrorLabel *> m_errors;
    QDialogButtonBox *m_buttons;
};

} // namespace Gatehouse
