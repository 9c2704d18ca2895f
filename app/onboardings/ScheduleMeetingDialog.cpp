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

namespace {

Task templateTask(const QString &title, const QJsonObject &config)
{
    Task task;
    task.title = title;
    task.evidenceType = EvidenceType::Meeting;
    task.config = config;
    return task;
}

} // namespace

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
    , m_note(nullptr)
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
    m_note = new QLabel(tr("Each contact of the client with portal access gets an invitation "
                           "with a calendar file."),
                        this);
    m_note->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_note);
    layout->addWidget(m_errors.value(QString()));
    layout->addStretch();
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &ScheduleMeetingDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

ScheduleMeetingDialog::ScheduleMeetingDialog(const QString &taskTitle, const QJsonObject &config,
                                             QWidget *parent)
    : ScheduleMeetingDialog(ConsoleContext(), templateTask(taskTitle, config), parent)
{
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Use this schedule"));
    m_note->setText(tr("Every onboarding created from the template gets this meeting at this "
                       "time. Nobody is invited until the meeting is scheduled on an "
                       "onboarding."));
}

QString ScheduleMeetingDialog::errorText(const QString &field) const
{
    const ErrorLabel *label = m_errors.value(field);
    return label && !label->isHidden() ? label->text() : QString();
}

void ScheduleMeetingDialog::showFieldErrors(const FieldErrors &fields, const QString &message)
{
    for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
        if (ErrorLabel *label = m_errors.value(it.key())) {
            label->showMessage(it.value());
        }
    }
    if (fields.isEmpty()) {
        m_errors.value(QString())->showMessage(message);
    }
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
    if (m_task.id == 0) {
        const FieldErrors fields = schedule.validate();
        if (!fields.isEmpty()) {
            showFieldErrors(fields, QString());
            return;
        }
        m_task.config = schedule.toConfig();
        accept();
        return;
    }
    ServiceError error;
    FieldErrors fields;
    if (!TaskSetupService(*m_context.db, *m_context.clock, m_context.publicUrl)
             .scheduleMeeting(m_task.id, schedule, m_context.actor(), &error, &fields)) {
        showFieldErrors(fields, error.message);
        return;
    }
    Q_EMIT scheduled(m_task.id);
    accept();
}

} // namespace Gatehouse
