// Portal pages (ONB-7) in the console's Settings, on SQLite and PostgreSQL: staff write a page
// in Markdown with a live preview, make it visible, save, reorder and delete; a refused save
// and leaving unsaved edits lose nothing by surprise.
#include "ConsoleFixture.h"
#include "ConsoleTestHelpers.h"
#include "TestDatabase.h"

#include "MainWindow.h"
#include "core/MessageBox.h"
#include "settings/BrandingPanel.h"
#include "settings/PagePreview.h"
#include "settings/PagesPanel.h"
#include "settings/SettingsView.h"
#include "storage/SqlQuery.h"
#include "widgets/ErrorLabel.h"

#include <QCheckBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSqlRecord>
#include <QTabWidget>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextList>
#include <QTreeWidget>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

class TestConsolePages : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        prepareGuiTest(m_settingsDir.path());
    }
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init();
    void cleanup()
    {
        m_window.reset();
        m_test.reset();
    }

    void writePreviewSaveReorderDelete();
    void aRefusedSaveKeepsTheEdits();
    void leavingUnsavedEditsAsksFirst();

private:
    QStringList rows(const QString &sql);
    QStringList pages()
    {
        return rows(QStringLiteral("SELECT title, visible FROM portal_page ORDER BY position, id"));
    }
    // Types Markdown as a person would, line by line.
    static void typeLines(QWidget *edit, const QStringList &lines);
    void clickRow(int row);

    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestDatabase> m_test;
    ConsoleFixture m_fixture;
    std::unique_ptr<MainWindow> m_window;
    PagesPanel *m_panel = nullptr;
};

void TestConsolePages::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_test = TestDatabase::create(engine);
    QVERIFY(m_test);
    m_fixture = ConsoleFixture();
    QCOMPARE(m_fixture.create(*m_test), QString());
    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    m_window->showPage(MainWindow::SettingsPage);
    auto *settings = m_window->findChild<SettingsView *>();
    QVERIFY(settings);
    QVERIFY(m_window->brandingPanel()->isVisible()); // the first tab, as before
    m_panel = settings->pagesPanel();
    settings->tabs()->setCurrentWidget(m_panel);
    QVERIFY(m_panel->isVisible());
}

QStringList TestConsolePages::rows(const QString &sql)
{
    QStringList result;
    SqlQuery query(m_test->db(), sql);
    QString error;
    if (!query.exec(&error)) {
        return {QStringLiteral("error: ") + error};
    }
    while (query.next()) {
        QStringList cells;
        for (int i = 0; i < query.raw().record().count(); ++i) {
            cells << query.text(i);
        }
        result << cells.join(QLatin1Char('|'));
    }
    return result;
}

void TestConsolePages::typeLines(QWidget *edit, const QStringList &lines)
{
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (i > 0) {
            QTest::keyClick(edit, Qt::Key_Return);
        }
        QTest::keyClicks(edit, lines.at(i));
    }
}

void TestConsolePages::clickRow(int row)
{
    QTreeWidget *list = m_panel->pageList();
    QTreeWidgetItem *item = list->topLevelItem(row);
    QVERIFY(item);
    const QRect rect = list->visualItemRect(item);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
}

void TestConsolePages::writePreviewSaveReorderDelete()
{
    QCOMPARE(m_panel->pageList()->topLevelItemCount(), 0);
    QVERIFY(!m_panel->saveButton()->isEnabled()); // nothing to edit yet

    QTest::mouseClick(m_panel->newButton(), Qt::LeftButton);
    QVERIFY(m_panel->titleEdit()->hasFocus());
    QTest::keyClicks(m_panel->titleEdit(), QStringLiteral("Welcome"));
    typeLines(m_panel->markdownEdit(),
              {QStringLiteral("## Hello there"), QString(), QStringLiteral("- first step"),
               QStringLiteral("- second step"), QString(),
               QStringLiteral("<script>alert(1)</script>")});

    // The preview follows the typing: a heading, a list, and the script as nothing at all.
    QTextDocument *preview = m_panel->preview()->document();
    QTRY_VERIFY(preview->toPlainText().contains(QLatin1String("second step")));
    bool heading = false;
    bool listed = false;
    for (QTextBlock block = preview->begin(); block.isValid(); block = block.next()) {
        heading |= block.text() == QLatin1String("Hello there")
                   && block.blockFormat().headingLevel() == 2;
        listed |= block.text() == QLatin1String("first step") && block.textList() != nullptr;
    }
    QVERIFY2(heading, qPrintable(m_panel->preview()->toHtml()));
    QVERIFY2(listed, qPrintable(m_panel->preview()->toHtml()));
    QVERIFY(!preview->toPlainText().contains(QLatin1String("alert")));
    QVERIFY(m_panel->hasUnsavedEdits());
    QVERIFY(pages().isEmpty()); // nothing stored before saving

    m_panel->visibleBox()->setFocus();
    QTest::keyClick(m_panel->visibleBox(), Qt::Key_Space);
    QVERIFY(m_panel->visibleBox()->isChecked());
    QTest::keyClick(m_panel->markdownEdit(), Qt::Key_S, Qt::ControlModifier);
    QTRY_COMPARE(pages(), QStringList{QStringLiteral("Welcome|1")});
    QVERIFY(!m_panel->hasUnsavedEdits());
    QCOMPARE(rows(QStringLiteral("SELECT body FROM portal_page")),
             QStringList{QStringLiteral("## Hello there\n\n- first step\n- second step\n\n"
                                        "<script>alert(1)</script>")});
    QCOMPARE(rows(QStringLiteral("SELECT actor FROM audit_event WHERE action = 'page.created'")),
             QStringList{QString::fromLatin1(ConsoleFixture::kAdminEmail)});
    QCOMPARE(m_panel->pageList()->topLevelItem(0)->text(0), QStringLiteral("Welcome"));
    QCOMPARE(m_panel->pageList()->topLevelItem(0)->text(1), QStringLiteral("Visible"));

    // A second, hidden page goes last; moving it up puts it first.
    QTest::mouseClick(m_panel->newButton(), Qt::LeftButton);
    QTest::keyClicks(m_panel->titleEdit(), QStringLiteral("Support"));
    typeLines(m_panel->markdownEdit(), {QStringLiteral("Call us.")});
    QTest::mouseClick(m_panel->saveButton(), Qt::LeftButton);
    QCOMPARE(pages(), (QStringList{QStringLiteral("Welcome|1"), QStringLiteral("Support|0")}));
    QCOMPARE(m_panel->pageList()->topLevelItem(1)->text(1), QStringLiteral("Hidden"));
    QVERIFY(!m_panel->downButton()->isEnabled());
    QTest::mouseClick(m_panel->upButton(), Qt::LeftButton);
    QCOMPARE(pages(), (QStringList{QStringLiteral("Support|0"), QStringLiteral("Welcome|1")}));
    QCOMPARE(m_panel->pageList()->currentItem()->text(0), QStringLiteral("Support"));
    QVERIFY(!m_panel->upButton()->isEnabled());

    // Delete asks first; "No" keeps the page.
    MessageBox::setNextAnswer(QMessageBox::No);
    QTest::mouseClick(m_panel->deleteButton(), Qt::LeftButton);
    QCOMPARE(pages().size(), 2);
    MessageBox::setNextAnswer(QMessageBox::Yes);
    QTest::mouseClick(m_panel->deleteButton(), Qt::LeftButton);
    QVERIFY(MessageBox::lastText().contains(QLatin1String("Support")));
    QCOMPARE(pages(), QStringList{QStringLiteral("Welcome|1")});
    QCOMPARE(m_panel->pageList()->topLevelItemCount(), 1);
    QCOMPARE(rows(QStringLiteral("SELECT kind FROM activity WHERE kind LIKE 'page.%' ORDER BY id")),
             (QStringList{QStringLiteral("page.created"), QStringLiteral("page.created"),
                          QStringLiteral("page.moved"), QStringLiteral("page.deleted")}));
}

void TestConsolePages::aRefusedSaveKeepsTheEdits()
{
    QTest::mouseClick(m_panel->newButton(), Qt::LeftButton);
    QTest::keyClicks(m_panel->titleEdit(), QStringLiteral("FAQ"));
    QTest::mouseClick(m_panel->saveButton(), Qt::LeftButton);
    QCOMPARE(pages(), QStringList{QStringLiteral("FAQ|0")});

    // The title emptied: the save is refused, says why, and the text typed stays.
    m_panel->titleEdit()->selectAll();
    QTest::keyClick(m_panel->titleEdit(), Qt::Key_Delete);
    typeLines(m_panel->markdownEdit(), {QStringLiteral("Keep these words")});
    QTest::mouseClick(m_panel->saveButton(), Qt::LeftButton);
    QVERIFY(m_panel->errorLabel()->isVisible());
    QVERIFY(m_panel->errorLabel()->text().contains(QLatin1String("title")));
    QCOMPARE(m_panel->markdownEdit()->toPlainText(), QStringLiteral("Keep these words"));
    QVERIFY(m_panel->hasUnsavedEdits());
    QCOMPARE(rows(QStringLiteral("SELECT title, body FROM portal_page")),
             QStringList{QStringLiteral("FAQ|")});

    // Corrected, it saves.
    QTest::keyClicks(m_panel->titleEdit(), QStringLiteral("Security FAQ"));
    QTest::mouseClick(m_panel->saveButton(), Qt::LeftButton);
    QCOMPARE(rows(QStringLiteral("SELECT title, body FROM portal_page")),
             QStringList{QStringLiteral("Security FAQ|Keep these words")});
    QVERIFY(!m_panel->errorLabel()->isVisible());
}

void TestConsolePages::leavingUnsavedEditsAsksFirst()
{
    for (const QString &title : {QStringLiteral("One"), QStringLiteral("Two")}) {
        QTest::mouseClick(m_panel->newButton(), Qt::LeftButton);
        QTest::keyClicks(m_panel->titleEdit(), title);
        QTest::mouseClick(m_panel->saveButton(), Qt::LeftButton);
    }
    QCOMPARE(pages().size(), 2);
    clickRow(0);
    QCOMPARE(m_panel->titleEdit()->text(), QStringLiteral("One"));
    typeLines(m_panel->markdownEdit(), {QStringLiteral("draft")});

    // Cancel: still on "One", with the edit.
    MessageBox::setNextAnswer(QMessageBox::Cancel);
    clickRow(1);
    QCOMPARE(m_panel->titleEdit()->text(), QStringLiteral("One"));
    QCOMPARE(m_panel->markdownEdit()->toPlainText(), QStringLiteral("draft"));
    QCOMPARE(m_panel->pageList()->currentItem()->text(0), QStringLiteral("One"));

    // Save: stored, then on "Two".
    MessageBox::setNextAnswer(QMessageBox::Save);
    clickRow(1);
    QCOMPARE(m_panel->titleEdit()->text(), QStringLiteral("Two"));
    QCOMPARE(rows(QStringLiteral("SELECT body FROM portal_page WHERE title = 'One'")),
             QStringList{QStringLiteral("draft")});

    // Discard: dropped, then on "One".
    typeLines(m_panel->markdownEdit(), {QStringLiteral("thrown away")});
    MessageBox::setNextAnswer(QMessageBox::Discard);
    clickRow(0);
    QCOMPARE(m_panel->titleEdit()->text(), QStringLiteral("One"));
    QCOMPARE(rows(QStringLiteral("SELECT body FROM portal_page WHERE title = 'Two'")),
             QStringList{QString()});

    // New page with unsaved edits asks too.
    typeLines(m_panel->markdownEdit(), {QStringLiteral(" more")});
    MessageBox::setNextAnswer(QMessageBox::Cancel);
    QTest::mouseClick(m_panel->newButton(), Qt::LeftButton);
    QCOMPARE(m_panel->titleEdit()->text(), QStringLiteral("One"));
    QVERIFY(m_panel->hasUnsavedEdits());
}

QTEST_MAIN(TestConsolePages)
#include "tst_console_pages.moc"
