#include "ConsoleTestHelpers.h"

#include "MainWindow.h"
#include "onboardings/NewOnboardingDialog.h"
#include "onboardings/OnboardingsView.h"

#include <QAbstractItemView>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTest>

namespace Gatehouse::Testing {

namespace {

QtMessageHandler s_previousHandler = nullptr;

// The offscreen platform warns each time a window with a minimum size is shown.
void quietHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (message == QLatin1String("This plugin does not support propagateSizeHints()")) {
        return;
    }
    s_previousHandler(type, context, message);
}

} // namespace

void prepareGuiTest(const QString &settingsPath)
{
    if (!s_previousHandler) {
        s_previousHandler = qInstallMessageHandler(quietHandler);
    }
    QCoreApplication::setOrganizationName(QStringLiteral("GatehouseTest"));
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsPath);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsPath);
}

void clickRow(QAbstractItemView *view, const QModelIndex &index)
{
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
}

void clickOk(QDialogButtonBox *buttons)
{
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
}

void retype(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

std::unique_ptr<MainWindow> openMainWindow(const ConsoleContext &context)
{
    auto window = std::make_unique<MainWindow>(context);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get())) {
        return nullptr;
    }
    return window;
}

NewOnboardingDialog *openNewOnboardingDialog(MainWindow &window)
{
    OnboardingsView *view = window.onboardingsView();
    QTest::mouseClick(view->newButton(), Qt::LeftButton);
    auto *dialog = view->findChild<NewOnboardingDialog *>();
    if (!dialog || !QTest::qWaitForWindowExposed(dialog)) {
        return nullptr;
    }
    return dialog;
}

} // namespace Gatehouse::Testing
