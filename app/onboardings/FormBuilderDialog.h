#pragma once

#include "core/ConsoleContext.h"
#include "forms/FormDefinition.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace Gatehouse {

class ErrorLabel;

// The form builder (CON-3, ONB-4): staff add, remove and reorder a form task's fields and set
// each one's type, label, required flag, help and options. For an onboarding's task, saving goes
// through FormService, which checks the whole definition; a field keeps its id when edited, so
// answers already given stay attached to it. For a template's task the dialog works on the
// task's config: saving checks the definition and leaves it in config().
class FormBuilderDialog : public QDialog
{
    Q_OBJECT
public:
    FormBuilderDialog(const ConsoleContext &context, qint64 taskId, const QString &taskTitle,
                      const FormDefinition &definition, QWidget *parent = nullptr);
    FormBuilderDialog(const QString &taskTitle, const QJsonObject &config,
                      QWidget *parent = nullptr);

    FormDefinition definition() const { return m_definition; }
    // The config with the definition saved last (its other keys as they were).
    QJsonObject config() const { return m_config; }

    // What tests drive.
    QListWidget *fieldList() const { return m_list; }
    QLineEdit *labelEdit() const { return m_label; }
    QComboBox *typeCombo() const { return m_type; }
    QCheckBox *requiredBox() const { return m_required; }
    QLineEdit *helpEdit() const { return m_help; }
    QPlainTextEdit *optionsEdit() const { return m_options; }
    QCheckBox *multipleEntriesBox() const { return m_multiple; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }
    QPushButton *upButton() const { return m_up; }
    QPushButton *downButton() const { return m_down; }
    QPushButton *saveButton() const { return m_save; }
    ErrorLabel *errorLabel() const { return m_error; }

    // Saves through FormService, or into config(); false (with the reason shown) when refused.
    bool save();

private:
    void addField();
    void removeField();
    void moveField(int delta);
    void showField(int row);
    void storeField();
    void refreshList();
    QString freeId() const;

    ConsoleContext m_context;
    qint64 m_taskId; // 0: a template's task
    FormDefinition m_definition;
    QJsonObject m_config;
    int m_shown = -1; // the row the editor shows
    bool m_loading = false;
    QListWidget *m_list;
    QLineEdit *m_label;
    QComboBox *m_type;
    QCheckBox *m_required;
    QLineEdit *m_help;
    QPlainTextEdit *m_options;
    QCheckBox *m_multiple;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_up;
    QPushButton *m_down;
    QPushButton *m_save;
    ErrorLabel *m_error;
};

} // namespace Gatehouse
