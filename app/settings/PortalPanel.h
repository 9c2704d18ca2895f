#pragma once

#include "core/ConsoleContext.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Gatehouse {

class ErrorLabel;

// Settings > Portal (CON-10): the address clients use and the TLS files of the portal that runs
// inside this console. This machine's settings; they apply at the next start. Ctrl+S saves.
class PortalPanel : public QWidget
{
    Q_OBJECT
public:
    explicit PortalPanel(const ConsoleContext &context, QWidget *parent = nullptr);

    void reload();
    bool save();

    QLineEdit *addressEdit() const { return m_address; }
    QLineEdit *certificateEdit() const { return m_certificate; }
    QLineEdit *keyEdit() const { return m_key; }
    QLabel *statusLabel() const { return m_status; }
    ErrorLabel *errorLabel() const { return m_error; }

private:
    void choose(QLineEdit *edit, const QString &title);

    ConsoleContext m_context;
    QLineEdit *m_address;
    QLineEdit *m_certificate;
    QLineEdit *m_key;
    QPushButton *m_save;
    QLabel *m_status;
    ErrorLabel *m_error;
};

} // namespace Gatehouse
