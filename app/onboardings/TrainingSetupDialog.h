#pragma once

#include "core/ConsoleContext.h"
#include "domain/Onboarding.h"

#include <QDialog>

class QDialogButtonBox;
class QLineEdit;
class QPlainTextEdit;
class QRadioButton;

namespace Gatehouse {

class ErrorLabel;

// Staff choose how a training task is done: a video from YouTube, Vimeo or Loom that the contact
// watches in the portal, or a session in person with instructions, which staff mark done.
class TrainingSetupDialog : public QDialog
{
    Q_OBJECT
public:
    TrainingSetupDialog(const ConsoleContext &context, const Task &task, QWidget *parent = nullptr);

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

    ConsoleContext m_context;
    Task m_task;
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
