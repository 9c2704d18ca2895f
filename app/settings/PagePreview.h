#pragma once

#include <QTextBrowser>

namespace Gatehouse {

// A page as clients will read it: the same safe HTML the portal serves. It shows, never
// fetches: images and links a page names are not loaded or followed from the console.
class PagePreview : public QTextBrowser
{
    Q_OBJECT
public:
    explicit PagePreview(QWidget *parent = nullptr);

    void showMarkdown(const QString &markdown);

    QVariant loadResource(int type, const QUrl &name) override;
};

} // namespace Gatehouse
