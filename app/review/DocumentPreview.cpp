#include "DocumentPreview.h"

#include <QBuffer>
#include <QLabel>
#include <QLocale>
#include <QPdfDocument>
#include <QPdfView>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Gatehouse {

DocumentPreview::DocumentPreview(QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_pdf(new QPdfDocument(this))
    , m_pdfView(new QPdfView(this))
    , m_pdfBytes(new QBuffer(this))
    , m_image(new QLabel(this))
    , m_text(new QPlainTextEdit(this))
    , m_message(new QLabel(this))
    , m_pixmap(new QPixmap)
{
    m_pdfView->setDocument(m_pdf);
    m_pdfView->setPageMode(QPdfView::PageMode::MultiPage);
    m_pdfView->setZoomMode(QPdfView::ZoomMode::FitToWidth);
    m_image->setAlignment(Qt::AlignCenter);
    m_image->setMinimumSize(1, 1);
    m_text->setReadOnly(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_stack->addWidget(m_message);
    m_stack->addWidget(m_pdfView);
    m_stack->addWidget(m_image);
    m_stack->addWidget(m_text);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    showMessage(tr("Select an item to see it here."));
}

DocumentPreview::~DocumentPreview()
{
    delete m_pixmap;
}

void DocumentPreview::showFile(const QString &name, const QString &mediaType,
                               const QByteArray &bytes)
{
    m_pdf->close();
    if (mediaType == QLatin1String("application/pdf")) {
        m_pdfBytes->close();
        m_pdfBytes->setData(bytes);
        m_pdfBytes->open(QIODevice::ReadOnly);
        m_pdf->load(m_pdfBytes);
        // A buffer may still be loading; errors show as Status::Error.
        if (m_pdf->status() == QPdfDocument::Status::Ready
            || m_pdf->status() == QPdfDocument::Status::Loading) {
            m_shown = Shown::Pdf;
            m_stack->setCurrentWidget(m_pdfView);
            return;
        }
    } else if (mediaType.startsWith(QLatin1String("image/")) && m_pixmap->loadFromData(bytes)) {
        m_shown = Shown::Image;
        m_stack->setCurrentWidget(m_image);
        scaleImage();
        return;
    } else if (mediaType.startsWith(QLatin1String("text/"))) {
        m_shown = Shown::Text;
        m_text->setPlainText(QString::fromUtf8(bytes.left(1024 * 1024)));
        m_stack->setCurrentWidget(m_text);
        return;
    }
    showMessage(tr("%1\n%2, %3\nNo preview for this kind of file: save a copy to open it.")
                    .arg(name, mediaType, QLocale().formattedDataSize(bytes.size())));
}

void DocumentPreview::showMessage(const QString &text)
{
    m_shown = Shown::Message;
    m_message->setText(text);
    m_stack->setCurrentWidget(m_message);
}

int DocumentPreview::pdfPageCount() const
{
    return m_shown == Shown::Pdf ? m_pdf->pageCount() : 0;
}

void DocumentPreview::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_shown == Shown::Image) {
        scaleImage();
    }
}

void DocumentPreview::scaleImage()
{
    const QSize room = m_stack->size() - QSize(8, 8);
    m_image->setPixmap(m_pixmap->size().width() > room.width()
                               || m_pixmap->size().height() > room.height()
                           ? m_pixmap->scaled(room, Qt::KeepAspectRatio, Qt::SmoothTransformation)
                           : *m_pixmap);
}

} // namespace Gatehouse
