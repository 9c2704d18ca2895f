#include "PagePreview.h"

#include "text/Markdown.h"

namespace Gatehouse {

PagePreview::PagePreview(QWidget *parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    setOpenExternalLinks(false);
}

void PagePreview::showMarkdown(const QString &markdown)
{
    setHtml(Markdown::toSafeHtml(markdown));
}

QVariant PagePreview::loadResource(int type, const QUrl &name)
{
    Q_UNUSED(type)
    Q_UNUSED(name)
    return QVariant(); // a relative image path must not read the staff member's own files
}

} // namespace Gatehouse
