#pragma once

#include "core/ConsoleContext.h"
#include "models/OnboardingFilterProxy.h"

#include <QWidget>

class QLineEdit;
class QPushButton;
class QTableView;

namespace Gatehouse {

class EmptyState;
class ErrorLabel;
class NewOnboardingDialog;
class OnboardingDetailView;
class OnboardingListModel;

// The onboardings page (CON-2): a searchable list beside the selected onboarding's detail.
class OnboardingsView : public QWidget
{
    Q_OBJECT
public:
    explicit OnboardingsView(const ConsoleContext &context, QWidget *parent = nullptr);

    // Reads the list and the open onboarding again, keeping the selection.
    void refresh();
    // Opens the New onboarding dialog (not blocking); the new onboarding is selected when made.
    NewOnboardingDialog *newOnboarding(qint64 companyId = 0);
    bool selectOnboarding(qint64 onboardingId);
    qint64 currentOnboardingId() const;

    OnboardingListModel *model() const { return m_model; }
    OnboardingFilterProxy *proxy() const { return m_proxy; }
    QTableView *tableView() const { return m_table; }
    OnboardingDetailView *detailView() const { return m_detail; }
    QLineEdit *searchEdit() const { return m_search; }
    QPushButton *newButton() const { return m_newButton; }
    EmptyState *emptyState() const { return m_empty; }

private:
    void currentChanged();
    void updateEmptyState();

    ConsoleContext m_context;
    OnboardingListModel *m_model;
    OnboardingFilterProxy *m_proxy;
    QLineEdit *m_search;
    QPushButton *m_newButton;
    QTableView *m_table;
    EmptyState *m_empty;
    ErrorLabel *m_error;
    OnboardingDetailView *m_detail;
    bool m_restoring = false;
};

} // namespace Gatehouse
