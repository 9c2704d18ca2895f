#pragma once

#include "core/ConsoleContext.h"
#include "vault/FileDrop.h"

#include <QList>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace Gatehouse {

class ErrorLabel;
struct Task;

// The files a client dropped on a secure file drop task: name, size, who and when, expiry and
// whether they were downloaded. "Save decrypted…" opens the selected drop with the vault (the
// staff password is asked for) into a file the user picks, with a progress dialog; the optional
// reason goes into the audit trail. Staff also set how many days new drops are kept.
class FileDropPanel : public QWidget
{
    Q_OBJECT
public:
    explicit FileDropPanel(const ConsoleContext &context, QWidget *parent = nullptr);

    // Shows the task's drops; hides itself for tasks of other kinds.
    void showTask(const Task &task);
    void clear();

    QTableWidget *view() const { return m_view; }
    QLineEdit *reasonEdit() const { return m_reason; }
    QSpinBox *expiryBox() const { return m_expiry; }
    QPushButton *saveButton() const { return m_save; }
    bool selectDrop(qint64 dropId);
    // Decrypts the selected drop to a file the user picks; false when cancelled or refused.
    bool saveSelected();
    // Sets the expiry in the spin box as the task's; false when refused.
    bool applyExpiry();

Q_SIGNALS:
    // A download or a setting changed the task; the onboarding wants reloading.
    void changed(qint64 taskId);

private:
    const FileDrop *selectedDrop() const;
    void reload();
    void updateActions();

    ConsoleContext m_context;
    qint64 m_taskId = 0;
    QList<FileDrop> m_drops;
    QLabel *m_title;
    QTableWidget *m_view;
    QLineEdit *m_reason;
    QPushButton *m_save;
    QSpinBox *m_expiry;
    QPushButton *m_applyExpiry;
    ErrorLabel *m_error;
};

} // namespace Gatehouse
