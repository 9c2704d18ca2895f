#pragma once

#include "core/ConsoleContext.h"

#include <QDialog>

class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QLineEdit;

namespace Gatehouse {

class ErrorLabel;

// Starts an onboarding for a company from a template. The dialog creates it itself, so a refusal
// is shown here and nothing typed is lost.
class NewOnboardingDialog : public QDialog
{
    Q_OBJECT
public:
    explicit NewOnboardingDialog(const ConsoleContext &context, QWidget *parent = nullptr);

    void selectCompany(qint64 companyId);
    qint64 createdId() const { return m_createdId; }
    QString errorText() const;

    QComboBox *companyCombo() const { return m_company; }
    QComboBox *templateCombo() const { return m_template; }
    QLineEdit *nameEdit() const { return m_name; }
    QDateEdit *startDateEdit() const { return m_startDate; }
    QDialogButtonBox *buttons() const { return m_buttons; }

Q_SIGNALS:
    void created(qint64 onboardingId);

private:
    void load();
    void updateSuggestedName();
    void updateButtons();
    void create();

    ConsoleContext m_context;
    QComboBox *m_company;
    QComboBox *m_template;
    QLineEdit *m_name;
    QDateEdit *m_startDate;
    ErrorLabel *m_error;
    QDialogButtonBox *m_buttons;
    bool m_nameEdited = false;
    qint64 m_createdId = 0;
};

} // namespace Gatehouse
