#pragma once

#include "core/ConsoleContext.h"
#include "domain/Impersonation.h"
#include "services/ImpersonationService.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTimer;
class QWebEngineProfile;
class QWebEngineView;

namespace Gatehouse {

// The portal as a contact sees it (CON-7), in a QWebEngineView of its own: an off-the-record
// profile (nothing is written to disk, nothing is shared with another view) whose cookie store
// alone holds the view's session token. A header names the contact and counts down; at the time
// limit the page is blanked and the window closes. Ending it any way ends the session, audited.
class ImpersonationWindow : public QWidget
{
    Q_OBJECT
public:
    ImpersonationWindow(const ConsoleContext &context, const Contact &contact,
                        const StartedImpersonation &started, QWidget *parent = nullptr);
    ~ImpersonationWindow() override;

    qint64 impersonationId() const { return m_started.id; }
    bool isEnded() const { return m_ended; }
    QWebEngineView *view() const { return m_view; }
    QWebEngineProfile *profile() const { return m_profile; }
    QLabel *timeLeftLabel() const { return m_timeLeft; }
    QPushButton *endButton() const { return m_end; }

    // Ends the view (staff closed it) and closes the window.
    void endView();

Q_SIGNALS:
    void ended(Gatehouse::ImpersonationEnd how);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void tick();
    // tellStaff: a failure is shown in a message box (not while the window is destroyed).
    void finish(ImpersonationEnd how, bool tellStaff = true);

    ConsoleContext m_context;
    Contact m_contact;
    StartedImpersonation m_started;
    QWebEngineProfile *m_profile; // deleted after the view's page, which uses it
    QWebEngineView *m_view;
    QLabel *m_timeLeft;
    QPushButton *m_end;
    QTimer *m_timer;
    bool m_ended = false;
};

} // namespace Gatehouse
