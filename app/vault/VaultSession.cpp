#include "VaultSession.h"

#include "Keychain.h"
#include "SecretClipboard.h"
#include "vault/VaultRepository.h"
#include "vault/VaultService.h"

#include <QCoreApplication>
#include <QEvent>
#include <QSettings>

namespace Gatehouse {

const QString VaultSession::kIdleMinutesKey = QStringLiteral("vault/idleLockMinutes");

namespace {

QString rememberedKey(const QString &entry)
{
    return QStringLiteral("vault/remembered/") + entry;
}

} // namespace

VaultSession::VaultSession(const Database &db, const Clock &clock, const StaffMember &staff,
                           QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_clock(clock)
    , m_staff(staff)
    , m_keychain(new Keychain(
          QStringLiteral("Gatehouse vault (%1)").arg(QCoreApplication::applicationName()), this))
    , m_clipboard(new SecretClipboard(this))
{
    m_idle.setSingleShot(true);
    const int minutes = QSettings().value(kIdleMinutesKey, kDefaultIdleMinutes).toInt();
    setIdleTimeout(std::chrono::minutes(minutes > 0 ? minutes : kDefaultIdleMinutes));
    connect(&m_idle, &QTimer::timeout, this, &VaultSession::lock);
    if (QCoreApplication::instance()) {
        connect(QCoreApplication::instance(), &QCoreApplication::aboutToQuit, this,
                &VaultSession::lock);
    }
}

VaultSession::~VaultSession()
{
    if (QCoreApplication::instance()) {
        QCoreApplication::instance()->removeEventFilter(this);
    }
}

std::chrono::milliseconds VaultSession::idleTimeout() const
{
    return m_idle.intervalAsDuration();
}

void VaultSession::setIdleTimeout(std::chrono::milliseconds timeout)
{
    m_idle.setInterval(timeout);
    if (m_idle.isActive()) {
        m_idle.start();
    }
}

void VaultSession::opened(SecureBytes key)
{
    const bool was = isUnlocked();
    m_key = std::move(key);
    m_idle.start();
    if (!was && QCoreApplication::instance()) {
        QCoreApplication::instance()->installEventFilter(this);
    }
    Q_EMIT unlockedChanged(true);
}

bool VaultSession::unlock(const QString &password, ServiceError *error)
{
    std::optional<SecureBytes> key
        = VaultService(m_db, m_clock).unlock(m_staff.id, password, error);
    if (!key) {
        return false;
    }
    opened(std::move(*key));
    return true;
}

std::optional<SecureBytes> VaultSession::unlockRemembering(const QString &password,
                                                           ServiceError *error)
{
    VaultService vault(m_db, m_clock);
    std::optional<SecureBytes> staffKey = vault.unlockStaffKey(m_staff.id, password, error);
    std::optional<SecureBytes> key
        = staffKey ? vault.unlockWithStaffKey(m_staff.id, *staffKey, error) : std::nullopt;
    if (!key) {
        return std::nullopt;
    }
    opened(std::move(*key));
    return staffKey;
}

bool VaultSession::unlockWithStaffKey(const SecureBytes &staffKey, ServiceError *error)
{
    std::optional<SecureBytes> key
        = VaultService(m_db, m_clock).unlockWithStaffKey(m_staff.id, staffKey, error);
    if (!key) {
        return false;
    }
    opened(std::move(*key));
    return true;
}

void VaultSession::lock()
{
    m_idle.stop();
    m_clipboard->clearNow();
    if (!isUnlocked()) {
        return;
    }
    if (QCoreApplication::instance()) {
        QCoreApplication::instance()->removeEventFilter(this);
    }
    m_key = SecureBytes(); // wiped as it goes
    Q_EMIT unlockedChanged(false);
}

bool VaultSession::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
        if (isUnlocked()) {
            m_idle.start(); // someone is at the keyboard: the idle time starts over
        }
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

QString VaultSession::keychainEntry() const
{
    QString error;
    const std::optional<StaffKey> key = VaultRepository(m_db).staffKey(m_staff.id, &error);
    if (!key) {
        return QString();
    }
    return QStringLiteral("staff-key-%1").arg(QString::fromLatin1(key->publicKey.left(12).toHex()));
}

bool VaultSession::isRemembered() const
{
    const QString entry = keychainEntry();
    return !entry.isEmpty() && QSettings().value(rememberedKey(entry)).toBool();
}

void VaultSession::setRemembered(bool remembered)
{
    const QString entry = keychainEntry();
    if (entry.isEmpty()) {
        return;
    }
    QSettings settings;
    if (remembered) {
        settings.setValue(rememberedKey(entry), true);
    } else {
        settings.remove(rememberedKey(entry));
    }
}

} // namespace Gatehouse
