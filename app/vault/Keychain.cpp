#include "Keychain.h"

#include "core/ConsoleLogging.h"

#include <qt6keychain/keychain.h>

namespace Gatehouse {

namespace {

// What no real entry is ever called, to ask the keychain whether it answers at all.
const QString kProbeKey = QStringLiteral("gatehouse-keychain-probe");

} // namespace

Keychain::Keychain(const QString &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{}

Keychain::Result Keychain::resultOf(const QKeychain::Job &job)
{
    // Decided by the code, never by matching errorString(): its wording differs per backend.
    switch (job.error()) {
    case QKeychain::NoError:
        return {Status::Ok, QString()};
    case QKeychain::EntryNotFound:
        return {Status::NotFound, tr("Nothing is remembered on this device.")};
    case QKeychain::AccessDeniedByUser:
        return {Status::AccessDenied, tr("Access to the keychain was refused.")};
    case QKeychain::AccessDenied:
        return {Status::AccessDenied,
                tr("The keychain refused access; it may be locked. Unlock it and try again.")};
    case QKeychain::NoBackendAvailable:
        return {Status::NoBackend,
                tr("No keychain is available on this device (on Linux: a Secret Service such as "
                   "GNOME Keyring or KWallet).")};
    case QKeychain::NotImplemented:
        return {Status::NoBackend, tr("This system's keychain is not supported.")};
    case QKeychain::CouldNotDeleteEntry:
        return {Status::Failed,
                tr("The keychain could not delete the entry: %1").arg(job.errorString())};
    case QKeychain::OtherError:
        break;
    }
    return {Status::Failed, tr("The keychain failed: %1").arg(job.errorString())};
}

// Jobs have no parent on purpose: the libsecret backend calls back into a job it started even
// after the job is gone, so a job must live until it finishes (and then deletes itself). The
// connection ends with this object, so a late answer reaches no one.

void Keychain::write(const QString &key, const SecureBytes &secret,
                     std::function<void(const Result &)> done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setInsecureFallback(false);
    job->setKey(key);
    // The job keeps its own copy until it has handed it to the keychain, and goes with it.
    QByteArray bytes(secret.chars(), qsizetype(secret.size()));
    job->setBinaryData(bytes);
    SecureBytes::wipe(bytes);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *job) {
        const Result result = resultOf(*job);
        if (!result.ok()) {
            qCWarning(lcConsole) << "keychain write failed:" << job->error() << job->errorString();
        }
        done(result);
    });
    job->start();
}

void Keychain::read(const QString &key, std::function<void(const Result &, SecureBytes)> done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *job) {
        Result result = resultOf(*job);
        SecureBytes secret;
        if (result.ok()) {
            QByteArray bytes = static_cast<QKeychain::ReadPasswordJob *>(job)->binaryData();
            secret = SecureBytes::copyOf(bytes);
            SecureBytes::wipe(bytes);
            if (secret.isNull()) {
                result = {Status::Failed, tr("No protected memory for the remembered key.")};
            }
        }
        done(result, std::move(secret));
    });
    job->start();
}

void Keychain::remove(const QString &key, std::function<void(const Result &)> done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *job) {
        Result result = resultOf(*job);
        if (result.status == Status::NotFound) {
            result = {Status::Ok, QString()};
        }
        done(result);
    });
    job->start();
}

void Keychain::probe(std::function<void(const Result &)> done)
{
    read(kProbeKey, [done = std::move(done)](const Result &result, const SecureBytes &) {
        // An answer that there is no such entry is proof that the keychain works.
        done(result.status == Status::NotFound ? Result{Status::Ok, QString()} : result);
    });
}

} // namespace Gatehouse
