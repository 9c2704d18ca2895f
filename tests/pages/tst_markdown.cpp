// Markdown to HTML for the portal's pages (ONB-7): whatever staff (or someone who got hold of
// a staff account) write, the output has only harmless tags and attributes, and links only to
// web and mail addresses.
#include "text/Markdown.h"

#include <QRegularExpression>
#include <QTest>

using namespace Gatehouse;

namespace {

struct Tag
{
    QString name;
    QList<QPair<QString, QString>> attributes;
};

// &#58; &#x3A; &amp; ...: what a browser would read an attribute's value as.
QString decodeEntities(QString value)
{
    static const QRegularExpression numeric(QStringLiteral("&#([xX]?)([0-9a-fA-F]+);?"));
    QRegularExpressionMatch match;
    while ((match = numeric.match(value)).hasMatch()) {
        bool ok = false;
        const uint code = match.captured(2).toUInt(&ok, match.captured(1).isEmpty() ? 10 : 16);
        value.replace(match.capturedStart(), match.capturedLength(),
                      ok ? QString::fromUcs4(reinterpret_cast<const char32_t *>(&code), 1)
                         : QString());
    }
    return value.replace(QLatin1String("&colon;"), QLatin1String(":"))
        .replace(QLatin1String("&quot;"), QLatin1String("\""))
        .replace(QLatin1String("&lt;"), QLatin1String("<"))
        .replace(QLatin1String("&gt;"), QLatin1String(">"))
        .replace(QLatin1String("&amp;"), QLatin1String("&"));
}

// Every tag of the HTML as a browser would tokenise it (comments skipped); a failure as text.
QList<Tag> tagsOf(const QString &html, QString *failure)
{
    QList<Tag> tags;
    qsizetype i = 0;
    while ((i = html.indexOf(QLatin1Char('<'), i)) >= 0) {
        if (html.mid(i, 4) == QLatin1String("<!--")) {
            const qsizetype end = html.indexOf(QLatin1String("-->"), i + 4);
            if (end < 0) {
                *failure = QStringLiteral("unterminated comment");
                return tags;
            }
            i = end + 3;
            continue;
        }
        Tag tag;
        qsizetype j = i + 1;
        if (j < html.size() && html.at(j) == QLatin1Char('/')) {
            ++j;
        }
        while (j < html.size() && html.at(j).isLetterOrNumber()) {
            tag.name += html.at(j++).toLower();
        }
        for (;;) {
            while (j < html.size() && (html.at(j).isSpace() || html.at(j) == QLatin1Char('/'))) {
                ++j;
            }
            if (j >= html.size()) {
                *failure = QStringLiteral("unterminated tag");
                return tags;
            }
            if (html.at(j) == QLatin1Char('>')) {
                break;
            }
            QString name;
            while (j < html.size() && !html.at(j).isSpace() && html.at(j) != QLatin1Char('=')
                   && html.at(j) != QLatin1Char('>')) {
                name += html.at(j++).toLower();
            }
            QString value;
            if (j < html.size() && html.at(j) == QLatin1Char('=')) {
                ++j;
                const QChar quote = j < html.size() ? html.at(j) : QChar();
                if (quote == QLatin1Char('"') || quote == QLatin1Char('\'')) {
                    const qsizetype end = html.indexOf(quote, j + 1);
                    if (end < 0) {
                        *failure = QStringLiteral("unterminated attribute");
                        return tags;
                    }
                    value = html.mid(j + 1, end - j - 1);
                    j = end + 1;
                } else {
                    while (j < html.size() && !html.at(j).isSpace()
                           && html.at(j) != QLatin1Char('>')) {
                        value += html.at(j++);
                    }
                }
            }
            tag.attributes.append({name, decodeEntities(value)});
        }
        tags.append(tag);
        i = j + 1;
    }
    return tags;
}

// Why the HTML could run something or leave the page, or an empty string.
QString dangerIn(const QString &html)
{
    static const QStringList allowedTags{
        QStringLiteral("p"),          QStringLiteral("h1"),   QStringLiteral("h2"),
        QStringLiteral("h3"),         QStringLiteral("h4"),   QStringLiteral("h5"),
        QStringLiteral("h6"),         QStringLiteral("ul"),   QStringLiteral("ol"),
        QStringLiteral("li"),         QStringLiteral("a"),    QStringLiteral("em"),
        QStringLiteral("strong"),     QStringLiteral("code"), QStringLiteral("pre"),
        QStringLiteral("blockquote"), QStringLiteral("hr"),   QStringLiteral("br"),
        QStringLiteral("img")};
    static const QStringList allowedAttributes{QStringLiteral("href"),  QStringLiteral("src"),
                                               QStringLiteral("alt"),   QStringLiteral("title"),
                                               QStringLiteral("start"), QStringLiteral("class")};
    static const QRegularExpression scheme(QStringLiteral("^([a-z][a-z0-9+.-]*):"),
                                           QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression ignored(QStringLiteral("[\\x00-\\x20]"));
    QString failure;
    const QList<Tag> tags = tagsOf(html, &failure);
    if (!failure.isEmpty()) {
        return failure;
    }
    for (const Tag &tag : tags) {
        if (!allowedTags.contains(tag.name)) {
            return QStringLiteral("tag <%1>").arg(tag.name);
        }
        for (const auto &[name, value] : tag.attributes) {
            if (!allowedAttributes.contains(name)) {
                return QStringLiteral("attribute %1 on <%2>").arg(name, tag.name);
            }
            if (name == QLatin1String("href") || name == QLatin1String("src")) {
                const QString url = QString(value).remove(ignored);
                const QRegularExpressionMatch match = scheme.match(url);
                const QString used = match.captured(1).toLower();
                if (match.hasMatch() && used != QLatin1String("http")
                    && used != QLatin1String("https") && used != QLatin1String("mailto")) {
                    return QStringLiteral("%1=\"%2\" on <%3>").arg(name, value, tag.name);
                }
            }
        }
    }
    return QString();
}

} // namespace

class TestMarkdown : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rendersCommonMark();
    void hostileInputIsDisarmed_data();
    void hostileInputIsDisarmed();
    void theCheckerItselfCatchesLiveMarkup_data();
    void theCheckerItselfCatchesLiveMarkup();
};

void TestMarkdown::rendersCommonMark()
{
    const QString html = Markdown::toSafeHtml(
        QStringLiteral("## Support\n\n- one\n- two\n\n[Status](https://status.example) and "
                       "<mailto:help@example.com>, **bold** & <3\n"));
    QVERIFY2(html.contains(QLatin1String("<h2>Support</h2>")), qPrintable(html));
    QVERIFY2(html.contains(QLatin1String("<ul>\n<li>one</li>\n<li>two</li>\n</ul>")),
             qPrintable(html));
    QVERIFY2(html.contains(QLatin1String("<a href=\"https://status.example\">Status</a>")),
             qPrintable(html));
    QVERIFY2(html.contains(QLatin1String("<a href=\"mailto:help@example.com\">")),
             qPrintable(html));
    QVERIFY2(html.contains(QLatin1String("<strong>bold</strong> &amp; &lt;3")), qPrintable(html));
    QCOMPARE(dangerIn(html), QString());
    QCOMPARE(Markdown::toSafeHtml(QString()), QString());
}

void TestMarkdown::hostileInputIsDisarmed_data()
{
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<QString>("mustNotContain"); // lower-cased output must not contain this
    QTest::addRow("script") << QStringLiteral("<script>alert(1)</script>")
                            << QStringLiteral("<script");
    QTest::addRow("script inline")
        << QStringLiteral("Hi <script>alert(1)</script> there") << QStringLiteral("<script");
    QTest::addRow("img onerror") << QStringLiteral("<img src=x onerror=alert(1)>")
                                 << QStringLiteral("onerror");
    QTest::addRow("inline img onerror")
        << QStringLiteral("text <img src=x onerror=alert(1)> text") << QStringLiteral("<img");
    QTest::addRow("javascript link")
        << QStringLiteral("[x](javascript:alert(1))") << QStringLiteral("javascript:");
    QTest::addRow("mixed case javascript")
        << QStringLiteral("[x](JaVaScRiPt:alert(1))") << QStringLiteral("javascript:");
    QTest::addRow("entity javascript")
        << QStringLiteral("[x](javascript&#58;alert(1))") << QStringLiteral("alert");
    QTest::addRow("vbscript link")
        << QStringLiteral("[x](vbscript:msgbox(1))") << QStringLiteral("vbscript:");
    QTest::addRow("javascript autolink")
        << QStringLiteral("<javascript:alert(1)>") << QStringLiteral("href=\"javascript");
    QTest::addRow("javascript image")
        << QStringLiteral("![x](javascript:alert(1))") << QStringLiteral("javascript:");
    QTest::addRow("reference javascript")
        << QStringLiteral("[x][r]\n\n[r]: javascript:alert(1)") << QStringLiteral("javascript:");
    QTest::addRow("iframe") << QStringLiteral("<iframe src=\"https://evil.example\"></iframe>")
                            << QStringLiteral("<iframe");
    QTest::addRow("data html link")
        << QStringLiteral("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")
        << QStringLiteral("data:");
    QTest::addRow("file link") << QStringLiteral("[x](file:///etc/passwd)")
                               << QStringLiteral("file:");
    QTest::addRow("autolink with quote")
        << QStringLiteral("<https://example.com/\"onmouseover=\"alert(1)>")
        << QStringLiteral("\"onmouseover");
    QTest::addRow("link title with quote")
        << QStringLiteral("[x](https://example.com \"a\\\" onclick=\\\"alert(1)\")")
        << QStringLiteral("\" onclick");
    QTest::addRow("html block") << QStringLiteral("<div onclick=\"alert(1)\">\nclick\n</div>")
                                << QStringLiteral("onclick");
    QTest::addRow("svg") << QStringLiteral("<svg><script>alert(1)</script></svg>")
                         << QStringLiteral("<svg");
    QTest::addRow("style") << QStringLiteral("<style>body{display:none}</style>")
                           << QStringLiteral("<style");
    QTest::addRow("form") << QStringLiteral("<form action=\"https://evil.example\"><input></form>")
                          << QStringLiteral("<form");
    QTest::addRow("code keeps text")
        << QStringLiteral("`<script>alert(1)</script>`") << QStringLiteral("<script");
}

void TestMarkdown::hostileInputIsDisarmed()
{
    QFETCH(QString, markdown);
    QFETCH(QString, mustNotContain);
    const QString html = Markdown::toSafeHtml(markdown);
    QVERIFY2(dangerIn(html).isEmpty(), qPrintable(dangerIn(html) + QLatin1String(" in ") + html));
    QVERIFY2(!html.toLower().contains(mustNotContain), qPrintable(html));
}

// The checker above would be worthless if it passed live markup: it must catch each of these.
void TestMarkdown::theCheckerItselfCatchesLiveMarkup_data()
{
    QTest::addColumn<QString>("html");
    QTest::addRow("script") << QStringLiteral("<p><script>alert(1)</script></p>");
    QTest::addRow("handler") << QStringLiteral("<img src=\"x\" onerror=\"alert(1)\">");
    QTest::addRow("unquoted handler") << QStringLiteral("<img src=x onerror=alert(1)>");
    QTest::addRow("javascript") << QStringLiteral("<a href=\"JaVaScRiPt:alert(1)\">x</a>");
    QTest::addRow("entity javascript") << QStringLiteral("<a href=\"javascript&#58;x\">x</a>");
    QTest::addRow("spaced javascript") << QStringLiteral("<a href=\" java\tscript:x\">x</a>");
    QTest::addRow("data") << QStringLiteral("<a href=\"data:text/html,x\">x</a>");
    QTest::addRow("iframe") << QStringLiteral("<iframe src=\"https://e.example\"></iframe>");
}

void TestMarkdown::theCheckerItselfCatchesLiveMarkup()
{
    QFETCH(QString, html);
    QVERIFY(!dangerIn(html).isEmpty());
}

QTEST_GUILESS_MAIN(TestMarkdown)
#include "tst_markdown.moc"
