#include "VaultConsoleSteps.h"

#include "storage/SqlQuery.h"
#include "vault/VaultUnlockDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

namespace Gatehouse::Testing {

VaultUnlockDialog *waitForUnlockDialog(QWidget *parent)
{
    VaultUnlockDialog *dialog = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        dialog = parent->findChild<VaultUnlockDialog *>();
        return dialog && dialog->isVisible();
    });
    return shown ? dialog : nullptr;
}

void unlockThrough(VaultUnlockDialog *dialog, const QString &password)
{
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->keychainChecked());
    dialog->rememberBox()->setChecked(false);
    dialog->passwordEdit()->setFocus();
    QTest::keyClicks(dialog->passwordEdit(), password);
    QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
}

QStringList auditRows(const Database &db, const QString &action)
{
    SqlQuery query(db, QStringLiteral("SELECT actor, detail FROM audit_event "
                                      "WHERE action = ? ORDER BY id"));
    query << action;
    QString error;
    QStringList rows;
    if (!query.exec(&error)) {
        QTest::qFail(qPrintable(error), __FILE__, __LINE__);
        return {};
    }
    while (query.next()) {
        rows << query.text(0) + QLatin1Char('|') + query.text(1);
    }
    return rows;
}

} // namespace Gatehouse::Testing
