#pragma once

#include <QWidget>

class QBuffer;
class QLabel;
class QPdfDocument;
class QPdfView;
class QPlainTextEdit;
class QStackedWidget;

namespace Gatehouse {

// Shows a file inside the console without handing it to another program: PDFs with Qt PDF,
// images scaled to fit, plain text as text; anything else as its name and type only.
class DocumentPreview : public QWidget
{
    Q_OBJECT
public:
    explicit DocumentPreview(QWidget *parent = nullptr);
    ~DocumentPreview() override;

    enum class Shown { Nothing, Pdf, Image, Text, Message };

    void showFile(const QString &name, const QString &mediaType, const QByteArray &bytes);
    void showMessage(const QString &text);
    Shown shown() const { return m_shown; }
    int pdfPageCount() const;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void scaleImage();

    QStackedWidget *m_stack;
    QPdfDocument *m_pdf;
    QPdfView *m_pdfView;
    QBuffer *m_pdfBytes;
    QLabel *m_image;
    QPlainTextEdit *m_text;
    QLabel *m_message;
    QPixmap *m_pixmap;
    Shown m_shown = Shown::Nothing;
};

} // namespace Gatehouse
