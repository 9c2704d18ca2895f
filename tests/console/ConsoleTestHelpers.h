#pragma once

#include "core/ConsoleContext.h"

#include <QString>

#include <memory>

class QAbstractItemView;
class QDialogButtonBox;
class QLineEdit;
class QModelIndex;

namespace Gatehouse {
class MainWindow;
class NewOnboardingDialog;
} // namespace Gatehouse

namespace Gatehouse::Testing {

// For initTestCase(): settings in `settingsPath`, and none of the offscreen platform's noise.
void prepareGuiTest(const QString &settingsPath);

// What a member of staff does with the mouse and keyboard.
void clickRow(QAbstractItemView *view, const QModelIndex &index);
void clickOk(QDialogButtonBox *buttons);
void retype(QLineEdit *edit, const QString &text);

// The console's window over `context`, shown; nullptr when it could not be shown.
std::unique_ptr<MainWindow> openMainWindow(const ConsoleContext &context);
// Clicks "New onboarding…" and returns the dialog it opened.
NewOnboardingDialog *openNewOnboardingDialog(MainWindow &window);

} // namespace Gatehouse::Testing
