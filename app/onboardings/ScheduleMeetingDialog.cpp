#include "ScheduleMeetingDialog.h"

#include "domain/MeetingSchedule.h"
#include "services/TaskSetupService.h"
#include "widgets/ErrorLabel.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTimeEdit>
#include <QTimeZone>
#include <QVBoxLayout>

namespace Gatehouse {

ScheduleMeetingDialog::ScheduleMeetingDialog(const ConsoleContext &context, const Task &task,
                                             QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_task(task)
    , m_date(new QDateEdit(this))
    , m_time(new QTimeEdit(this))
    , m_timeZone(new QComboBox(this))
    , m_duration(new QSpinBox(this))
    , m_url(new QLineEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Schedule \"%1\"").arg(task.title));
    setMinimumWidth(480);
    m_date->setObjectName(QStringLiteral("meetingDate"));
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_time->setObjectName(QStringLiteral("meetingTime"));
    m_time->setDisplayFormat(QStringLiteral("HH:mm"));
    m_timeZone->setObjectName(QStringLiteral("meetingTimeZone"));
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds()) {
        m_timeZone->addItem(QString::fromUtf8(id));
    }
    // Typing a few letters of a city finds its zone among hundreds.
    m_timeZone->setEditable(true);
    m_timeZone->setInsertPolicy(QComboBox::NoInsert);
    m_duration->setObjectName(QStringLiteral("meetingDuration"));
    m_duration->setRange(MeetingSchedule::kMinDurationMinutes,
                         MeetingSchedule::kMaxDurationMinutes);
    m_duration->setSingleStep(15);
    m_duration->setSuffix(tr(" min"));
    m_url->setObjectName(QStringLiteral("meetingUrl"));
    m_url->setPlaceholderText(tr("https://…"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Schedule and invite"));

    // What is scheduled already, or tomorrow at 10:00 in this computer's zone.
    const std::optional<MeetingSchedule> current
        = MeetingSchedule::fromConfig(task.config, nullptr);
    const QDate tomorrow
        = QDateTime::fromMSecsSinceEpoch(m_context.clock->nowMs()).date().addDays(1);
    m_date->setDate(current ? current->date : tomorrow);
    m_time->setTime(current ? current->time : QTime(10, 0));
    m_timeZone->setCurrentText(current ? current->timeZone
                                       : QString::fromUtf8(QTimeZone::systemTimeZoneId()));
    m_duration->setValue(current ? current->durationMinutes : 60);
    m_url->setText(current ? current->url : QString());

    const QStringList fields = {QStringLiteral("date"),     QStringLiteral("time"),
                                QStringLiteral("timeZone"), QStringLiteral("durationMinutes"),
                                QStringLiteral("url"),      QString()};
    for (const QString &field : fields) {
        auto *label = new ErrorLabel(this);
        label->setObjectName(field.isEmpty() ? QStringLiteral("error")
                                             : field + QStringLiteral("Error"));
        m_errors.insert(field, label);
    }
    const auto withError = [this](QWidget *field, const QString &key) {
        auto *box = new QVBoxLayout;
        box->setContentsMargins(0, 0, 0, 0);
        box->setSpacing(2);
        box->addWidget(field);
        box->addWidget(m_errors.value(key));
        return box;
    };
    auto *form = new QFormLayout;
    form->addRow(tr("Task:"), new QLabel(task.title, this));
    form->addRow(tr("&Date:"), withError(m_date, QStringLiteral("date")));
    form->addRow(tr("&Time:"), withError(m_time, QStringLiteral("time")));
    form->addRow(tr("Time &zone:"), withError(m_timeZone, QStringLiteral("timeZone")));
    form->addRow(tr("D&uration:"), withError(m_duration, QStringLiteral("durationMinutes")));
    form->addRow(tr("Meeting &link:"), withError(m_url, QStringLiteral("url")));
    auto *note = new QLabel(tr("Each contact of the client with portal access gets an invitation "
                               "with a calendar file."),
                            this);
    note->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_errors.value(QString()));
    layout->addStretch();
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &ScheduleMeetingDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString ScheduleMeetingDialog::errorText(const QString &field) const
{
    const ErrorLabel *label = m_errors.value(field);
    return label && !label->isHidden() ? label->text() : QString();
}

void ScheduleMeetingDialog::save()
{
    for (ErrorLabel *label : std::as_const(m_errors)) {
        label->hide();
    }
    MeetingSchedule schedule;
    schedule.date = m_date->date();
    schedule.time = QTime(m_time->time().hour(), m_time->time().minute());
    schedule.timeZone = m_timeZone->currentText().trimmed();
    schedule.durationMinutes = m_duration->value();
    schedule.url = m_url->text().trimmed();
    ServiceError error;
    FieldErrors fields;
    if (!TaskSetupService(*m_context.db, *m_context.clock, m_context.publicUrl)
             .scheduleMeeting(m_task.id, schedule, m_context.actor(), &error, &fields)) {
        for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
            if (ErrorLabel *label = m_errors.value(it.key())) {
                label->showMessage(it.value());
            }
        }
        if (fields.isEmpty()) {
            m_errors.value(QString())->showMessage(error.message);
        }
        return;
    }
    Q_EMIT scheduled(m_task.id);
    accept();
}

} // namespace Gatehouse
