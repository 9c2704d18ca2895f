#pragma once

#include "domain/Template.h"

#include <QWidget>

class QComboBox;
class QDialog;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace Gatehouse {

class UploadSettingsEditor;

// One task of a template being edited: its title, description, kind, who does it, when it is
// due (days after the onboarding's start) and the kind's settings. Upload settings are edited
// in place; forms, checklists, meetings and trainings open their editor from "Settings…".
// Every change emits changed() with the whole task.
class TaskDetailsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit TaskDetailsPanel(QWidget *parent = nullptr);

    // Shows a task without announcing a change.
    void setTask(const TemplateTask &task);
    const TemplateTask &task() const { return m_task; }

    // Opens the kind's settings editor (window-modal); nullptr for kinds without one. Its
    // Save stores the settings into the task.
    QDialog *openSettings();
    // A short description of the settings, as shown next to "Settings…".
    static QString settingsSummary(const TemplateTask &task);

    QLineEdit *titleEdit() const { return m_title; }
    QPlainTextEdit *descriptionEdit() const { return m_description; }
    QComboBox *kindBox() const { return m_kind; }
    QComboBox *ownerBox() const { return m_owner; }
    QSpinBox *dueBox() const { return m_due; }
    QPushButton *settingsButton() const { return m_settings; }
    QPushButton *clearSettingsButton() const { return m_clearSettings; }
    QLabel *settingsLabel() const { return m_summary; }
    UploadSettingsEditor *uploadEditor() const { return m_upload; }

Q_SIGNALS:
    void changed(const Gatehouse::TemplateTask &task);

private:
    void store();
    void setConfig(const QJsonObject &config);
    void updateSettings();

    TemplateTask m_task;
    bool m_loading = false;
    QLineEdit *m_title;
    QPlainTextEdit *m_description;
    QComboBox *m_kind;
    QComboBox *m_owner;
    QSpinBox *m_due;
    QPushButton *m_settings;
    QPushButton *m_clearSettings;
    QLabel *m_summary;
    UploadSettingsEditor *m_upload;
};

} // namespace Gatehouse
