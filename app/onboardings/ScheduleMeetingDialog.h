#pragma once

#include "core/ConsoleContext.h"
#include "domain/FieldErrors.h"
#include "domain/Onboarding.h"

#include <QDialog>
#include <QMap>

class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTimeEdit;

namespace Gatehouse {

class ErrorLabel;

// Staff set a meeting task's date, time, time zone, duration and link. Saving mails each
// contact of the client with portal access an invitation with the calendar file; a refusal is
// shown next to the field it concerns and the fields keep what was typed. For a template's task
// the dialog works on the task's config: saving checks the schedule and leaves it in config(),
// and nobody is invited.
class ScheduleMeetingDialog : public QDialog
{
    Q_OBJECT
public:
    ScheduleMeetingDialog(const ConsoleContext &context, const Task &task,
                          QWidget *parent = nullptr);
    ScheduleMeetingDialog(const QString &taskTitle, const QJsonObject &config,
                          QWidget *parent = nullptr);

    // What was saved (the task's config when nothing was).
    QJsonObject config() const { return m_task.config; }
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
    void showFieldErrors(const FieldErrors &fields, const QString &message);

    ConsoleContext m_context;
    Task m_task; // id 0: a template's task
    QDateEdit *m_date;
    QTimeEdit *m_time;
    QComboBox *m_timeZone;
    QSpinBox *m_duration;
    QLineEdit *m_url;
    QLabel *m_note;
    QMap<QString, ErrorLabel *> m_errors;
    QDialogButtonBox *m_buttons;
};

} // namespace Gatehouse
