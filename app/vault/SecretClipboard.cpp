#include "SecretClipboard.h"

#include <QClipboard>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QMimeData>
#include <QSettings>

namespace Gatehouse {

const QString SecretClipboard::kClearSecondsKey = QStringLiteral("vault/clipboardClearSeconds");

SecretClipboard::SecretClipboard(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    const int seconds = QSettings().value(kClearSecondsKey, kDefaultClearSeconds).toInt();
    setClearTimeout(std::chrono::seconds(seconds > 0 ? seconds : kDefaultClearSeconds));
    connect(&m_timer, &QTimer::timeout, this, &SecretClipboard::clearNow);
    if (QCoreApplication::instance()) {
        connect(QCoreApplication::instance(), &QCoreApplication::aboutToQuit, this,
                &SecretClipboard::clearNow);
    }
}

SecretClipboard::~SecretClipboard()
{
    clearNow();
}

std::chrono::milliseconds SecretClipboard::clearTimeout() const
{
    return m_timer.intervalAsDuration();
}

void SecretClipboard::setClearTimeout(std::chrono::milliseconds timeout)
{
    m_timer.setInterval(timeout);
}

QMimeData *SecretClipboard::mimeDataFor(const QString &secret)
{
    auto *mime = new QMimeData;
    mime->setText(secret);
#if defined(Q_OS_WIN)
    // Registered clipboard formats that Windows' clipboard history, cloud clipboard and
    // monitoring tools honour; the two DWORDs say "no".
    const QByteArray no(4, '\0');
    mime->setData(QStringLiteral("application/x-qt-windows-mime;value="
                                 "\"ExcludeClipboardContentFromMonitorProcessing\""),
                  QByteArray(1, '\1'));
    mime->setData(
        QStringLiteral("application/x-qt-windows-mime;value=\"CanIncludeInClipboardHistory\""), no);
    mime->setData(
        QStringLiteral("application/x-qt-windows-mime;value=\"CanUploadToCloudClipboard\""), no);
#elif defined(Q_OS_MACOS)
    // The nspasteboard.org convention that Maccy, Alfred, Pastebot and others honour.
    mime->setData(QStringLiteral("org.nspasteboard.ConcealedType"), QByteArray());
#else
    // Klipper and most other X11/Wayland clipboard managers skip entries carrying this hint.
    mime->setData(QStringLiteral("x-kde-passwordManagerHint"), QByteArrayLiteral("secret"));
#endif
    return mime;
}

void SecretClipboard::copy(const QString &secret)
{
    QClipboard *clipboard = QGuiApplication::clipboard();
    clipboard->setMimeData(mimeDataFor(secret), QClipboard::Clipboard);
    m_copied = SecureBytes::fromUtf8(secret);
    m_timer.start();
}

bool SecretClipboard::clipboardHoldsSecret() const
{
    if (m_copied.isNull() || !QGuiApplication::instance()) {
        return false;
    }
    QString text = QGuiApplication::clipboard()->text(QClipboard::Clipboard);
    QByteArray utf8 = text.toUtf8();
    const bool same = m_copied.equals(utf8.constData(), std::size_t(utf8.size()));
    SecureBytes::wipe(utf8);
    SecureBytes::wipe(text);
    return same;
}

void SecretClipboard::clearNow()
{
    m_timer.stop();
    if (m_copied.isNull()) {
        return;
    }
    if (clipboardHoldsSecret()) {
        QGuiApplication::clipboard()->clear(QClipboard::Clipboard);
    }
    m_copied = SecureBytes();
    Q_EMIT cleared();
}

} // namespace Gatehouse
