#pragma once

#include "core/ConsoleContext.h"

#include <QDialog>

class QDialogButtonBox;
class QLineEdit;

namespace Gatehouse {

class ErrorLabel;

// Adds a contact to a company. Refusals are explained here and the fields keep their text.
class NewContactDialog : public QDialog
{
    Q_OBJECT
public:
    NewContactDialog(const ConsoleContext &context, const Company &company,
                     QWidget *parent = nullptr);

    QString errorText() const;
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *emailEdit() const { return m_email; }
    QDialogButtonBox *buttons() const { return m_buttons; }

Q_SIGNALS:
    void created(qint64 contactId);

private:
    void create();
    void updateButtons();

    ConsoleContext m_context;
    Company m_company;
    QLineEdit *m_name;
    QLineEdit *m_email;
    ErrorLabel *m_error;
    QDialogButtonBox *m_buttons;
};

} // namespace Gatehouse
