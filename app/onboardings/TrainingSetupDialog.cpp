#include "TrainingSetupDialog.h"

#include "domain/TrainingSpec.h"
#include "services/TaskSetupService.h"
#include "widgets/ErrorLabel.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace Gatehouse {

namespace {

QString shownIfVisible(const ErrorLabel *label)
{
    return label->isHidden() ? QString() : label->text();
}

Task templateTask(const QString &title, const QJsonObject &config)
{
    Task task;
    task.title = title;
    task.evidenceType = EvidenceType::Training;
    task.config = config;
    return task;
}

} // namespace

TrainingSetupDialog::TrainingSetupDialog(const ConsoleContext &context, const Task &task,
                                         QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_task(task)
    , m_video(new QRadioButton(tr("A &video the contact watches in the portal"), this))
    , m_inPerson(new QRadioButton(tr("In &person: staff mark it done"), this))
    , m_videoUrl(new QLineEdit(this))
    , m_instructions(new QPlainTextEdit(this))
    , m_videoUrlError(new ErrorLabel(this))
    , m_instructionsError(new ErrorLabel(this))
    , m_error(new ErrorLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Set up \"%1\"").arg(task.title));
    setMinimumWidth(500);
    m_video->setObjectName(QStringLiteral("trainingVideo"));
    m_inPerson->setObjectName(QStringLiteral("trainingInPerson"));
    m_videoUrl->setObjectName(QStringLiteral("trainingVideoUrl"));
    m_videoUrl->setPlaceholderText(tr("A YouTube, Vimeo or Loom link"));
    m_instructions->setObjectName(QStringLiteral("trainingInstructions"));
    m_instructions->setPlaceholderText(tr("Where and when it takes place, what to bring"));
    m_instructions->setTabChangesFocus(true);
    m_videoUrlError->setObjectName(QStringLiteral("videoUrlError"));
    m_instructionsError->setObjectName(QStringLiteral("instructionsError"));

    const std::optional<TrainingSpec> current = TrainingSpec::fromConfig(task.config, nullptr);
    const bool inPerson = current && current->mode == TrainingSpec::Mode::InPerson;
    m_inPerson->setChecked(inPerson);
    m_video->setChecked(!inPerson);
    m_videoUrl->setText(current ? current->videoUrl : QString());
    m_instructions->setPlainText(current ? current->instructions : QString());

    auto *hosts = new QLabel(tr("Only YouTube (shown through its privacy-enhanced player), Vimeo "
                                "and Loom videos can be shown in the portal."),
                             this);
    hosts->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("How is \"%1\" done?").arg(task.title), this));
    layout->addWidget(m_video);
    layout->addWidget(m_videoUrl);
    layout->addWidget(m_videoUrlError);
    layout->addWidget(hosts);
    layout->addWidget(m_inPerson);
    layout->addWidget(m_instructions, 1);
    layout->addWidget(m_instructionsError);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    connect(m_video, &QRadioButton::toggled, this, &TrainingSetupDialog::updateFields);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &TrainingSetupDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateFields();
}

TrainingSetupDialog::TrainingSetupDialog(const QString &taskTitle, const QJsonObject &config,
                                         QWidget *parent)
    : TrainingSetupDialog(ConsoleContext(), templateTask(taskTitle, config), parent)
{}

QString TrainingSetupDialog::videoUrlError() const
{
    return shownIfVisible(m_videoUrlError);
}

QString TrainingSetupDialog::instructionsError() const
{
    return shownIfVisible(m_instructionsError);
}

QString TrainingSetupDialog::errorText() const
{
    return shownIfVisible(m_error);
}

void TrainingSetupDialog::updateFields()
{
    m_videoUrl->setEnabled(m_video->isChecked());
    m_instructions->setEnabled(m_inPerson->isChecked());
}

void TrainingSetupDialog::showFieldErrors(const FieldErrors &fields, const QString &message)
{
    if (fields.contains(QStringLiteral("videoUrl"))) {
        m_videoUrlError->showMessage(fields.value(QStringLiteral("videoUrl")));
    }
    if (fields.contains(QStringLiteral("instructions"))) {
        m_instructionsError->showMessage(fields.value(QStringLiteral("instructions")));
    }
    if (fields.isEmpty()) {
        m_error->showMessage(message);
    }
}

void TrainingSetupDialog::save()
{
    m_videoUrlError->hide();
    m_instructionsError->hide();
    m_error->hide();
    TrainingSpec spec = m_video->isChecked()
                            ? TrainingSpec::video(m_videoUrl->text())
                            : TrainingSpec::inPerson(m_instructions->toPlainText());
    if (m_task.id == 0) {
        const FieldErrors fields = spec.normalise();
        if (!fields.isEmpty()) {
            showFieldErrors(fields, QString());
            return;
        }
        m_task.config = spec.toConfig();
        accept();
        return;
    }
    ServiceError error;
    FieldErrors fields;
    if (!TaskSetupService(*m_context.db, *m_context.clock, m_context.publicUrl)
             .setTraining(m_task.id, spec, m_context.actor(), &error, &fields)) {
        showFieldErrors(fields, error.message);
        return;
    }
    Q_EMIT saved(m_task.id);
    accept();
}

} // namespace Gatehouse
