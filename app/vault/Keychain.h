#pragma once

#include "vault/SecureBytes.h"

#include <QObject>
#include <QString>

#include <functional>

namespace QKeychain {
class Job;
}

namespace Gatehouse {

// The OS keychain (Secret Service, macOS Keychain, Windows Credential Manager) through
// QtKeychain, for one secret: a staff member's unwrapped key on a device they trust. Every call
// is asynchronous and answers through its callback, never by spinning an event loop. There is
// no plaintext fallback: without a keychain the console simply cannot remember.
class Keychain : public QObject
{
    Q_OBJECT
public:
    enum class Status { Ok, NotFound, AccessDenied, NoBackend, Failed };

    struct Result
    {
        Status status = Status::Ok;
        QString message; // a sentence for people; empty when Ok

        bool ok() const { return status == Status::Ok; }
    };

    // service: the name entries are filed under in the keychain.
    explicit Keychain(const QString &service, QObject *parent = nullptr);

    QString service() const { return m_service; }

    void write(const QString &key, const SecureBytes &secret,
               std::function<void(const Result &)> done);
    // On Ok the secret comes in guarded memory; the job holding the keychain's copy is gone
    // right after.
    void read(const QString &key, std::function<void(const Result &, SecureBytes)> done);
    // Removing what is not there is not an error.
    void remove(const QString &key, std::function<void(const Result &)> done);
    // Whether a keychain can be reached at all: Ok, or why not (NoBackend, AccessDenied...).
    void probe(std::function<void(const Result &)> done);

private:
    static Result resultOf(const QKeychain::Job &job);

    QString m_service;
};

} // namespace Gatehouse
