#pragma once

#include <QMessageBox>
#include <QString>

namespace Gatehouse {

// Every message box of the console goes through here, so tests can answer one in advance
// instead of blocking on a modal dialog (KeePassXC's MessageBox::setNextAnswer).
class MessageBox
{
public:
    static QMessageBox::StandardButton critical(QWidget *parent, const QString &title,
                                                const QString &text);
    static QMessageBox::StandardButton warning(QWidget *parent, const QString &title,
                                               const QString &text);
    static QMessageBox::StandardButton information(QWidget *parent, const QString &title,
                                                   const QString &text);
    static QMessageBox::StandardButton
    question(QWidget *parent, const QString &title, const QString &text,
             QMessageBox::StandardButtons buttons = QMessageBox::Yes | QMessageBox::No,
             QMessageBox::StandardButton defaultButton = QMessageBox::No);

    // For tests: the next box is not shown and returns this answer.
    static void setNextAnswer(QMessageBox::StandardButton answer);
    // For tests: the text of the last box, shown or answered in advance.
    static QString lastText();

private:
    static QMessageBox::StandardButton show(QMessageBox::Icon icon, QWidget *parent,
                                            const QString &title, const QString &text,
                                            QMessageBox::StandardButtons buttons,
                                            QMessageBox::StandardButton defaultButton);
};

} // namespace Gatehouse
