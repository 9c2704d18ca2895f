#pragma once

#include "core/ConsoleContext.h"

#include <QDialog>

class QDialogButtonBox;
class QLineEdit;

namespace Gatehouse {

class ErrorLabel;

// Adds a client company. A refused name is explained here and stays in the field.
class NewCompanyDialog : public QDialog
{
    Q_OBJECT
public:
    explicit NewCompanyDialog(const ConsoleContext &context, QWidget *parent = nullptr);

    QString errorText() const;
    QLineEdit *nameEdit() const { return m_name; }
    QDialogButtonBox *buttons() const { return m_buttons; }

Q_SIGNALS:
    void created(qint64 companyId);

private:
    void create();

    ConsoleContext m_context;
    QLineEdit *m_name;
    ErrorLabel *m_error;
    QDialogButtonBox *m_buttons;
};

} // namespace Gatehouse
