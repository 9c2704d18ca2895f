#include "Markdown.h"

#include <cmark.h>

#include <cstdlib>
#include <memory>

namespace Gatehouse {

QString Markdown::toSafeHtml(const QString &markdown)
{
    const QByteArray utf8 = markdown.toUtf8();
    // Safe is cmark's default since 0.29; CMARK_OPT_UNSAFE must never be passed here.
    // VALIDATE_UTF8: lone surrogates in the QString became replacement characters already, but
    // the check costs little and keeps cmark's output valid whatever it is given.
    const int options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SMART;
    const std::unique_ptr<char, decltype(&std::free)> html(
        cmark_markdown_to_html(utf8.constData(), size_t(utf8.size()), options), &std::free);
    return html ? QString::fromUtf8(html.get()) : QString();
}

} // namespace Gatehouse
