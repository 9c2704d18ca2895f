#include "UploadSpool.h"

#include "SpoolReader.h"
#include "vault/VaultCrypto.h"

#include <QCoreApplication>
#include <QDir>
#include <QRandomGenerator>

#include <cstring>

#ifdef Q_OS_WIN
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#else
#include <cerrno>
#include <csignal>
#endif

namespace Gatehouse {

namespace {

// "<pid>-<id>.spool": the pid tells a crashed process's spools from a running one's.
QString spoolName(const QByteArray &id)
{
    return QString::number(QCoreApplication::applicationPid()) + QLatin1Char('-')
           + QString::fromLatin1(id) + QStringLiteral(".spool");
}

bool processIsGone(qint64 pid)
{
#ifdef Q_OS_WIN
    if (pid <= 0) {
        return false;
    }
    // No such process: OpenProcess fails with ERROR_INVALID_PARAMETER (access denied is not gone).
    HANDLE process = ::OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, DWORD(pid));
    if (process) {
        DWORD code = 0;
        const bool exited = ::GetExitCodeProcess(process, &code) && code != STILL_ACTIVE;
        ::CloseHandle(process);
        return exited;
    }
    return ::GetLastError() == ERROR_INVALID_PARAMETER;
#else
    return pid > 0 && ::kill(pid_t(pid), 0) != 0 && errno == ESRCH;
#endif
}

bool fail(QString *error, const QString &message)
{
    if (error) {
        *error = message;
    }
    return false;
}

} // namespace

UploadSpool::~UploadSpool()
{
    m_file.close();
    if (!m_file.fileName().isEmpty()) {
        QFile::remove(m_file.fileName());
    }
}

std::unique_ptr<UploadSpool> UploadSpool::create(const QString &directory, QString *error)
{
    std::unique_ptr<UploadSpool> spool(new UploadSpool);
    quint32 random[4];
    QRandomGenerator::system()->fillRange(random);
    spool->m_id = QByteArray(reinterpret_cast<const char *>(random), sizeof random).toHex();
    spool->m_key = VaultCrypto::newStreamKey();
    spool->m_frame = SecureBytes::allocate(std::size_t(kFrameBytes));
    QString cryptoError;
    if (spool->m_key.isNull() || spool->m_frame.isNull()
        || !spool->m_encryptor.start(spool->m_key, &cryptoError)) {
        fail(error, QStringLiteral("Cannot encrypt an upload spool: %1").arg(cryptoError));
        return nullptr;
    }
    // Only this user may read it (ciphertext, but still nobody else's business).
    spool->m_file.setFileName(QDir(directory).filePath(spoolName(spool->m_id)));
    if (!spool->m_file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                            QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        fail(error, QStringLiteral("Cannot create the upload spool %1: %2")
                        .arg(spool->m_file.fileName(), spool->m_file.errorString()));
        spool->m_file.setFileName(QString()); // nothing of ours to delete
        return nullptr;
    }
    const QByteArray header = spool->m_encryptor.header();
    if (spool->m_file.write(header) != header.size()) {
        fail(error,
             QStringLiteral("Cannot write the upload spool: %1").arg(spool->m_file.errorString()));
        return nullptr;
    }
    return spool;
}

int UploadSpool::removeStale(const QString &directory)
{
    int removed = 0;
    const QDir dir(directory);
    const QStringList names
        = dir.entryList({QStringLiteral("*.spool")}, QDir::Files | QDir::Hidden | QDir::System);
    for (const QString &name : names) {
        bool ok = false;
        const qint64 pid = name.section(QLatin1Char('-'), 0, 0).toLongLong(&ok);
        if ((!ok || processIsGone(pid)) && QFile::remove(dir.filePath(name))) {
            ++removed;
        }
    }
    return removed;
}

bool UploadSpool::append(QByteArrayView bytes, QString *error)
{
    if (m_complete) {
        return fail(error, QStringLiteral("The upload spool is already complete."));
    }
    qsizetype at = 0;
    while (at < bytes.size()) {
        // A full frame waits until more comes: only complete() knows which frame is the last.
        if (m_frameFill == kFrameBytes) {
            if (!writeFrame(m_frame.constData(), m_frameFill, false, error)) {
                return false;
            }
            m_frameFill = 0;
        }
        const qint64 take = qMin<qint64>(kFrameBytes - m_frameFill, bytes.size() - at);
        std::memcpy(m_frame.data() + m_frameFill, bytes.data() + at, size_t(take));
        m_frameFill += take;
        at += take;
        m_size += take;
    }
    return true;
}

bool UploadSpool::writeFrame(const unsigned char *data, qint64 size, bool final, QString *error)
{
    const QByteArray cipher = m_encryptor.push(data, std::size_t(size), final);
    if (cipher.isEmpty() || m_file.write(cipher) != cipher.size()) {
        return fail(error,
                    QStringLiteral("Cannot write the upload spool: %1").arg(m_file.errorString()));
    }
    return true;
}

bool UploadSpool::complete(QString *error)
{
    if (m_complete) {
        return true;
    }
    // The frame in hand is the last one, full or not (or empty, for an empty body).
    if (!writeFrame(m_frame.constData(), m_frameFill, true, error)) {
        return false;
    }
    m_frameFill = 0;
    m_frame = SecureBytes();
    if (!m_file.flush()) {
        return fail(error,
                    QStringLiteral("Cannot write the upload spool: %1").arg(m_file.errorString()));
    }
    m_file.close();
    m_complete = true;
    return true;
}

std::unique_ptr<QIODevice> UploadSpool::open(QString *error) const
{
    if (!m_complete) {
        fail(error, QStringLiteral("The upload is not complete."));
        return nullptr;
    }
    auto reader = std::make_unique<SpoolReader>(m_file.fileName(), m_key, m_size, kFrameBytes);
    if (!reader->isOpen()) {
        fail(error, reader->errorString());
        return nullptr;
    }
    return reader;
}

} // namespace Gatehouse
