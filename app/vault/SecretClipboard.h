#pragma once

#include "vault/SecureBytes.h"

#include <QObject>
#include <QTimer>

#include <chrono>

class QMimeData;

namespace Gatehouse {

// Copies a revealed secret to the clipboard marked as a password, so clipboard managers and
// history leave it alone, and takes it away again after a while (20 s unless set otherwise in
// the settings), when the vault locks and when the console quits: each time only if the
// clipboard still holds that secret, so something copied since is left alone.
class SecretClipboard : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultClearSeconds = 20;
    static const QString kClearSecondsKey; // QSettings

    explicit SecretClipboard(QObject *parent = nullptr);
    ~SecretClipboard() override;

    void copy(const QString &secret);
    // Takes the secret off the clipboard now if it is still there.
    void clearNow();
    bool isPending() const { return m_timer.isActive(); }

    std::chrono::milliseconds clearTimeout() const;
    // Tests shorten it; the settings' value otherwise.
    void setClearTimeout(std::chrono::milliseconds timeout);

    // The clipboard data for a secret: its text and the hints password managers set.
    static QMimeData *mimeDataFor(const QString &secret);

Q_SIGNALS:
    // The secret was taken off the clipboard (or had been replaced already).
    void cleared();

private:
    bool clipboardHoldsSecret() const;

    QTimer m_timer;
    SecureBytes m_copied;
};

} // namespace Gatehouse
