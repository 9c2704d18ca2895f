#pragma once

#include "core/ConsoleContext.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace Gatehouse {

class ErrorLabel;
class QuestionListModel;

// Clients' questions (ONB-8), open ones first: read one, write the answer, Ctrl+Return sends
// it (by mail, and in the client's portal).
class InboxView : public QWidget
{
    Q_OBJECT
public:
    explicit InboxView(const ConsoleContext &context, QWidget *parent = nullptr);

    void refresh();

    QuestionListModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QPlainTextEdit *answerEdit() const { return m_answer; }
    QLabel *questionLabel() const { return m_question; }
    bool sendAnswer();
    bool selectQuestion(qint64 questionId);

Q_SIGNALS:
    // How many questions are open, for the sidebar.
    void openCountChanged(int count);

private:
    void showSelected();

    ConsoleContext m_context;
    QuestionListModel *m_model;
    QTableView *m_view;
    QLabel *m_question;
    QPlainTextEdit *m_answer;
    QPushButton *m_send;
    ErrorLabel *m_error;
};

} // namespace Gatehouse
