// The Templates page's item models under QAbstractItemModelTester: the list of templates, and
// the tree of a template being edited through every change the editor makes.
#include "models/TemplateListModel.h"
#include "models/TemplateTreeModel.h"
#include "services/WorkspaceSetup.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Gatehouse;

class TestTemplateModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listModel();
    void treeModel();
};

void TestTemplateModels::listModel()
{
    TemplateListModel list;
    QAbstractItemModelTester listTester(&list,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
    OnboardingTemplate first = WorkspaceSetup::starterTemplate();
    first.id = 7;
    OnboardingTemplate second{8, QStringLiteral("Small office"), QStringLiteral("Two days"), {}};
    list.setRows({first, second});
    QCOMPARE(list.rowCount(), 2);
    QCOMPARE(list.index(0, 0).data().toString(), QStringLiteral("Managed services onboarding"));
    QCOMPARE(list.index(1, 0).data(TemplateListModel::IdRole).toLongLong(), 8);
    QCOMPARE(list.index(1, 0).data(Qt::ToolTipRole).toString(), QStringLiteral("Two days"));
    // The same rows again (a live update) keep the view's place; others reset it.
    second.name = QStringLiteral("Small business");
    list.setRows({first, second});
    QCOMPARE(list.index(1, 0).data().toString(), QStringLiteral("Small business"));
    list.setRows({second});
    QCOMPARE(list.rowOf(8), 0);
    QCOMPARE(list.rowOf(7), -1);
}

void TestTemplateModels::treeModel()
{
    TemplateTreeModel tree;
    QAbstractItemModelTester treeTester(&tree,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy edited(&tree, &TemplateTreeModel::edited);
    const OnboardingTemplate starter = WorkspaceSetup::starterTemplate();
    tree.setTemplate(starter);
    QCOMPARE(edited.count(), 0); // loading is not editing
    QCOMPARE(tree.rowCount(), starter.phases.size());
    QCOMPARE(tree.rowCount(tree.phaseIndex(0)), starter.phases.at(0).tasks.size());
    QCOMPARE(tree.taskIndex(0, 0).data().toString(), starter.phases.at(0).tasks.at(0).title);
    QCOMPARE(tree.taskIndex(0, 0, TemplateTreeModel::DueColumn).data().toString(),
             QStringLiteral("Day 2"));

    // A persistent index follows its task through every kind of move.
    const QPersistentModelIndex followed = tree.taskIndex(1, 0);
    const QString title = followed.data().toString();
    QCOMPARE(tree.move(tree.phaseIndex(1), -1), tree.phaseIndex(0)); // phases swap
    QCOMPARE(followed.data().toString(), title);
    QCOMPARE(tree.phaseOf(followed), 0);
    QModelIndex moved = tree.move(followed, -1); // first of its phase: nowhere to go up
    QCOMPARE(moved, QModelIndex(followed));
    tree.move(tree.phaseIndex(0), 1); // back again
    QCOMPARE(tree.phaseOf(followed), 1);
    moved = tree.move(followed, -1); // into the end of the phase before
    QCOMPARE(tree.phaseOf(moved), 0);
    QCOMPARE(moved.row(), starter.phases.at(0).tasks.size());
    QCOMPARE(moved.data().toString(), title);
    moved = tree.move(moved, 1); // and back to the start of its own
    QCOMPARE(tree.phaseOf(moved), 1);
    QCOMPARE(moved.row(), 0);
    moved = tree.move(moved, 1);
    QCOMPARE(moved.row(), 1);
    QCOMPARE(tree.templateData().phases.at(1).tasks.at(1).title, title);
    QCOMPARE(edited.count(), 5); // the move that could not be made is not an edit

    const QModelIndex phase = tree.insertPhase(1, {QStringLiteral("Inserted"), {}});
    QCOMPARE(phase.row(), 1);
    const QModelIndex task = tree.insertTask(
        1, 0, {QStringLiteral("Task"), {}, EvidenceType::Form, OwnerSide::Client, 3, {}});
    QCOMPARE(tree.phaseOf(task), 1);
    QVERIFY(tree.setData(task, QStringLiteral("Renamed")));
    QCOMPARE(tree.templateData().phases.at(1).tasks.at(0).title, QStringLiteral("Renamed"));
    QVERIFY(tree.remove(task));
    QVERIFY(tree.remove(phase));
    QCOMPARE(tree.rowCount(), starter.phases.size());
    QVERIFY(!tree.remove(QModelIndex()));
    QCOMPARE(edited.count(), 10);
}

QTEST_MAIN(TestTemplateModels)
#include "tst_template_models.moc"
