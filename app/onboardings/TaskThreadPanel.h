#pragma once

#include "core/ConsoleContext.h"

#include <QWidget>

class QCheckBox;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace Gatehouse {

class ErrorLabel;
struct Task;

// A task's thread as staff see it: the client's and staff's messages, and internal notes
// (marked, and never shown to the client). Ctrl+Return sends.
class TaskThreadPanel : public QWidget
{
    Q_OBJECT
public:
    explicit TaskThreadPanel(const ConsoleContext &context, QWidget *parent = nullptr);

    void showTask(const Task &task);
    void clear();

    QListWidget *list() const { return m_list; }
    QPlainTextEdit *editor() const { return m_editor; }
    QCheckBox *internalBox() const { return m_internal; }
    bool send();

private:
    void reload();

    ConsoleContext m_context;
    qint64 m_taskId = 0;
    QListWidget *m_list;
    QPlainTextEdit *m_editor;
    QCheckBox *m_internal;
    QPushButton *m_send;
    ErrorLabel *m_error;
};

} // namespace Gatehouse
