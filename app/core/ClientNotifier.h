#pragma once

#include "core/ClientNotification.h"
#include "core/ConsoleContext.h"
#include "storage/ActivityRepository.h"

#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace Gatehouse {

// Desktop notifications when a client acts (uploads, signs, asks, comments, decides, submits,
// hands over a credential, drops a file). It is fed the activity feed's new rows; rows written
// by staff or the system are ignored. Rows arriving close together are shown as one message,
// so a burst does not flood the desktop. Without a system tray nothing is shown, but every
// message still goes through the show hook, which tests replace.
class ClientNotifier : public QObject
{
    Q_OBJECT
public:
    using ShowHook = std::function<void(const ClientNotification &)>;

    static constexpr int kDefaultBatchMs = 1500;
    // QSettings key; notifications are on unless it is false.
    static QString enabledKey();

    explicit ClientNotifier(const ConsoleContext &context, QObject *parent = nullptr);
    ~ClientNotifier() override;

    // Whether a feed row of this kind is something a contact does (the actor is checked apart).
    static bool isClientKind(const QString &kind);

    bool isEnabled() const;
    void setEnabled(bool enabled);
    int batchMs() const { return m_batch.interval(); }
    void setBatchMs(int ms) { m_batch.setInterval(ms); }
    void setShowHook(ShowHook hook) { m_show = std::move(hook); }

    // New feed rows (ActivityWatcher::activity).
    void observe(const QList<Gatehouse::ActivityEvent> &events);
    // Shows what is waiting now instead of at the end of the batch window.
    void flush();
    // The last message was clicked: asks to open its item.
    void click();

    const ClientNotification &lastShown() const { return m_last; }
    QSystemTrayIcon *trayIcon() const { return m_tray; }
    // "Notify me of client actions", checkable; in the tray icon's menu.
    QAction *enabledAction() const { return m_enabledAction; }

Q_SIGNALS:
    void openRequested(const Gatehouse::ClientNotification &notification);

private:
    bool causedByContact(const ActivityEvent &event) const;
    qint64 questionOf(const ActivityEvent &event) const;
    QString companyName(qint64 companyId) const;
    void showOnTray(const ClientNotification &notification);

    ConsoleContext m_context;
    QTimer m_batch;
    QList<ActivityEvent> m_pending;
    ClientNotification m_last;
    ShowHook m_show;
    QSystemTrayIcon *m_tray = nullptr;
    QMenu *m_menu = nullptr;
    QAction *m_enabledAction = nullptr;
};

} // namespace Gatehouse
