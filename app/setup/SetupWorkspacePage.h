#pragma once

#include <QWizardPage>

class QLineEdit;

namespace Gatehouse {

// First page of the first run: what the workspace (the MSP) is called.
class SetupWorkspacePage : public QWizardPage
{
    Q_OBJECT
public:
    explicit SetupWorkspacePage(QWidget *parent = nullptr);

    QLineEdit *nameEdit() const { return m_name; }

private:
    QLineEdit *m_name;
};

} // namespace Gatehouse
