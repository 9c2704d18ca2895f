#pragma once

#include <QString>

namespace Gatehouse {

// Markdown that staff write, as HTML that is safe to show clients: CommonMark rendered by
// cmark in its safe mode, so raw HTML becomes a comment and javascript:, vbscript:, file: and
// (non-image) data: links lose their target. Nothing else may turn Markdown into HTML.
class Markdown
{
public:
    static QString toSafeHtml(const QString &markdown);
};

} // namespace Gatehouse
