#include "ClientNotifier.h"

#include "services/QuestionService.h"
#include "storage/DirectoryRepository.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QSettings>
#include <QStyle>
#include <QSystemTrayIcon>

namespace Gatehouse {

namespace {

constexpr int kMessageMs = 10000;

} // namespace

QString ClientNotifier::enabledKey()
{
    return QStringLiteral("notifications/clientActions");
}

ClientNotifier::ClientNotifier(const ConsoleContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{
    m_batch.setSingleShot(true);
    m_batch.setInterval(kDefaultBatchMs);
    connect(&m_batch, &QTimer::timeout, this, &ClientNotifier::flush);

    m_enabledAction = new QAction(tr("Notify me of client actions"), this);
    m_enabledAction->setObjectName(QStringLiteral("clientNotificationsAction"));
    m_enabledAction->setCheckable(true);
    m_enabledAction->setChecked(isEnabled());
    connect(m_enabledAction, &QAction::toggled, this, &ClientNotifier::setEnabled);

    m_show = [this](const ClientNotification &notification) {
        showOnTray(notification);
    };
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        QIcon icon = QApplication::windowIcon();
        if (icon.isNull()) {
            icon = QApplication::style()->standardIcon(QStyle::SP_MessageBoxInformation);
        }
        m_tray = new QSystemTrayIcon(icon, this);
        m_tray->setToolTip(tr("Gatehouse — %1").arg(m_context.workspace.name));
        m_menu = new QMenu();
        m_menu->addAction(m_enabledAction);
        m_tray->setContextMenu(m_menu);
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, &ClientNotifier::click);
        m_tray->show();
    }
}

ClientNotifier::~ClientNotifier()
{
    delete m_menu; // a QMenu cannot have a non-widget parent
}

bool ClientNotifier::isClientKind(const QString &kind)
{
    static const QStringList kinds = {
        QStringLiteral("file.uploaded"),     QStringLiteral("task.signed"),
        QStringLiteral("question.asked"),    QStringLiteral("comment.added"),
        QStringLiteral("approval.approved"), QStringLiteral("approval.rejected"),
        QStringLiteral("task.completed"),    QStringLiteral("credential.submitted"),
        QStringLiteral("file_drop.dropped"),
    };
    return kinds.contains(kind);
}

bool ClientNotifier::isEnabled() const
{
    return QSettings().value(enabledKey(), true).toBool();
}

void ClientNotifier::setEnabled(bool enabled)
{
    QSettings().setValue(enabledKey(), enabled);
    if (m_enabledAction->isChecked() != enabled) {
        m_enabledAction->setChecked(enabled);
    }
    if (!enabled) {
        m_batch.stop();
        m_pending.clear();
    }
}

void ClientNotifier::observe(const QList<ActivityEvent> &events)
{
    if (!isEnabled()) {
        return;
    }
    for (const ActivityEvent &event : events) {
        if (isClientKind(event.kind) && causedByContact(event)) {
            m_pending.append(event);
        }
    }
    // The window starts with the first action, so a steady trickle still shows every few seconds.
    if (!m_pending.isEmpty() && !m_batch.isActive()) {
        m_batch.start();
    }
}

void ClientNotifier::flush()
{
    m_batch.stop();
    if (m_pending.isEmpty()) {
        return;
    }
    const QList<ActivityEvent> events = std::exchange(m_pending, {});
    const ActivityEvent &latest = events.constLast();
    bool oneCompany = true;
    for (const ActivityEvent &event : events) {
        oneCompany = oneCompany && event.companyId == latest.companyId;
    }
    ClientNotification notification;
    notification.count = int(events.size());
    notification.title = oneCompany ? companyName(latest.companyId) : QString();
    if (notification.title.isEmpty()) {
        notification.title = m_context.workspace.name;
    }
    notification.body
        = events.size() == 1 ? latest.summary : tr("%1 new client actions").arg(events.size());
    // A click opens the latest item: for a burst, the one that happened last.
    notification.companyId = latest.companyId;
    notification.onboardingId = latest.onboardingId;
    notification.taskId = latest.taskId;
    if (latest.kind == QLatin1String("question.asked")) {
        notification.questionId = questionOf(latest);
    }
    m_last = notification;
    if (m_show) {
        m_show(notification);
    }
}

void ClientNotifier::click()
{
    if (m_last.count > 0) {
        Q_EMIT openRequested(m_last);
    }
}

bool ClientNotifier::causedByContact(const ActivityEvent &event) const
{
    // The feed records a contact by email address and staff by name; only a contact of the
    // row's company counts, so staff whose name looks like an address are not mistaken for one.
    if (!event.actor.contains(QLatin1Char('@'))) {
        return false;
    }
    QString error;
    const QList<Contact> contacts
        = DirectoryRepository(*m_context.db).contactsByEmail(event.actor, &error);
    for (const Contact &contact : contacts) {
        if (contact.companyId == event.companyId) {
            return true;
        }
    }
    return false;
}

qint64 ClientNotifier::questionOf(const ActivityEvent &event) const
{
    // The feed row does not carry the question's id: it is the company's newest question from
    // that contact asked at that moment (or, failing that, their newest).
    QString error;
    const QList<Question> questions
        = QuestionService(*m_context.db, *m_context.clock).forCompany(event.companyId, &error);
    qint64 newest = 0;
    for (const Question &question : questions) {
        if (question.askedByEmail.compare(event.actor, Qt::CaseInsensitive) != 0) {
            continue;
        }
        if (question.createdAtMs == event.createdAtMs) {
            return question.id;
        }
        if (!newest) {
            newest = question.id;
        }
    }
    return newest;
}

QString ClientNotifier::companyName(qint64 companyId) const
{
    QString error;
    const std::optional<Company> company
        = DirectoryRepository(*m_context.db).company(companyId, &error);
    return company ? company->name : QString();
}

void ClientNotifier::showOnTray(const ClientNotification &notification)
{
    if (m_tray) {
        m_tray->showMessage(notification.title, notification.body, QSystemTrayIcon::Information,
                            kMessageMs);
    }
}

} // namespace Gatehouse
