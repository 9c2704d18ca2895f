#pragma once

#include "core/ConsoleContext.h"
#include "services/SearchService.h"

#include <QTimer>
#include <QWidget>

class QCompleter;
class QLineEdit;
class QTableView;

namespace Gatehouse {

class SearchResultModel;

// The console's search field: typing shows, in a popup, the companies, contacts, onboardings
// and tasks that match; Enter or a click opens the one chosen in its area.
class GlobalSearch : public QWidget
{
    Q_OBJECT
public:
    explicit GlobalSearch(const ConsoleContext &context, QWidget *parent = nullptr);

    QLineEdit *edit() const { return m_edit; }
    SearchResultModel *model() const { return m_model; }
    QTableView *popup() const { return m_popup; }
    QString lastError() const { return m_lastError; }

    // Searches for what the field holds now (typing does it after a short pause).
    void search();
    // Opens the hit in this row of the results.
    bool openRow(int row);

Q_SIGNALS:
    void openRequested(const Gatehouse::SearchHit &hit);

private:
    ConsoleContext m_context;
    QLineEdit *m_edit;
    SearchResultModel *m_model;
    QCompleter *m_completer;
    QTableView *m_popup;
    QTimer m_typingTimer;
    QString m_lastError;
};

} // namespace Gatehouse
