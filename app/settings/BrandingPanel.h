#pragma once

#include "core/ConsoleContext.h"

#include <QByteArray>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace Gatehouse {

class ErrorLabel;
class PortalPreview;

// Branding (ONB-10) as clients will see it: the name, the accent colour with a sample button
// and its contrast, the welcome message and the logo, beside a live preview of the portal's
// sign-in page with the values as they are typed (PortalPreview). Ctrl+S saves.
class BrandingPanel : public QWidget
{
    Q_OBJECT
public:
    explicit BrandingPanel(const ConsoleContext &context, QWidget *parent = nullptr);

    // Reads what is stored now (discarding unsaved edits).
    void reload();
    bool save();
    bool chooseLogo();
    bool removeLogo();

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *accentEdit() const { return m_accent; }
    QPlainTextEdit *welcomeEdit() const { return m_welcome; }
    QLabel *contrastLabel() const { return m_contrast; }
    QPushButton *sampleButton() const { return m_sample; }
    QLabel *logoLabel() const { return m_logo; }
    QCheckBox *showPreviewBox() const { return m_showPreview; }
    PortalPreview *preview() const { return m_preview; }

Q_SIGNALS:
    void saved();

private:
    void updateSample();
    void updatePreview();
    void setPreviewShown(bool shown);

    ConsoleContext m_context;
    QLineEdit *m_name;
    QLineEdit *m_accent;
    QPushButton *m_pickColor;
    QPushButton *m_sample;
    QLabel *m_contrast;
    QPlainTextEdit *m_welcome;
    QLabel *m_logo;
    QPushButton *m_chooseLogo;
    QPushButton *m_removeLogo;
    QPushButton *m_save;
    ErrorLabel *m_error;
    QCheckBox *m_showPreview;
    PortalPreview *m_preview;
    QByteArray m_logoPng; // the saved logo, for the preview
};

} // namespace Gatehouse
