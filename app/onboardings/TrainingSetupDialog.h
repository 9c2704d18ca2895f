#pragma once

#include "core/ConsoleContext.h"
#include "domain/FieldErrors.h"
#include "domain/Onboarding.h"

#include <QDialog>

class QDialogButtonBox;
class QLineEdit;
class QPlainTextEdit;
class QRadioButton;

namespace Gatehouse {

class ErrorLabel;

// Staff choose how a training task is done: a video from YouTube, Vimeo or Loom that the contact
// watches in the portal, or a session in person with instructions, which staff mark done. For a
// template's task the dialog works on the task's config: saving checks the choice and leaves it
// in config() instead of saving a task.
class TrainingSetupDialog : public QDialog
{
    Q_OBJECT
public:
    TrainingSetupDialog(const ConsoleContext &context, const Task &task, QWidget *parent = nullptr);
    TrainingSetupDialog(const QString &taskTitle, const QJsonObject &config,
                        QWidget *parent = nullptr);

    // What was saved (the task's config when nothing was).
    QJsonObject config() const { return m_task.config; }

    QRadioButton *videoButton() const { return m_video; }
    QRadioButton *inPersonButton() const { return m_inPerson; }
    QLineEdit *videoUrlEdit() const { return m_videoUrl; }
    QPlainTextEdit *instructionsEdit() const { return m_instructions; }
    QDialogButtonBox *buttons() const { return m_buttons; }
    QString videoUrlError() const;
    QString instructionsError() const;
    QString errorText() const;

Q_SIGNALS:
    void saved(qint64 taskId);

private:
    void save();
    void updateFields();
    void showFieldErrors(const FieldErrors &fields, const QString &message);

    ConsoleContext m_context;
    Task m_task; // id 0: a template's task
    QRadioButton *m_video;
    QRadioButton *m_inPerson;
    QLineEdit *m_videoUrl;
    QPlainTextEdit *m_instructions;
    ErrorLabel *m_videoUrlError;
    ErrorLabel *m_instructionsError;
    ErrorLabel *m_error;
    QDialogButtonBox *m_buttons;
};

} // namespace Gatehouse
