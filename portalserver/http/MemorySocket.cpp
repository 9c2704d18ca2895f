#include "MemorySocket.h"

#include <QMetaMethod>
#include <QMetaObject>

#include <cstring>

namespace Gatehouse {

namespace {

// Input already read is dropped from the front of the buffer once it is this large and at least
// half of the buffer, so that a reader taking a little at a time does not make it grow.
constexpr qsizetype kCompactAfterBytes = 64 * 1024;

} // namespace

MemorySocket::MemorySocket()
    : RelaySocket(nullptr)
{
    setLocalAddress(QHostAddress::LocalHost);
    setPeerAddress(QHostAddress::LocalHost);
    setSocketState(ConnectedState);
    QIODevice::open(QIODevice::ReadWrite | QIODevice::Unbuffered);
}

std::pair<MemorySocket *, MemorySocket *> MemorySocket::createPair()
{
    auto *first = new MemorySocket();
    auto *second = new MemorySocket();
    first->m_peer = second;
    second->m_peer = first;
    return {first, second};
}

MemorySocket::~MemorySocket()
{
    if (state() != UnconnectedState && m_peer) {
        QMetaObject::invokeMethod(m_peer, &MemorySocket::peerClosed, Qt::QueuedConnection);
    }
    // QAbstractSocket's destructor would otherwise abort a connection it knows nothing about.
    setSocketState(UnconnectedState);
}

qint64 MemorySocket::bytesAvailable() const
{
    return QIODevice::bytesAvailable() + (m_input.size() - m_inputRead);
}

void MemorySocket::disconnectFromHost()
{
    hangUp(false);
}

void MemorySocket::close()
{
    hangUp(true);
    QIODevice::close();
}

qint64 MemorySocket::readData(char *data, qint64 maxSize)
{
    const qint64 available = m_input.size() - m_inputRead;
    if (available == 0) {
        return state() == ConnectedState ? 0 : -1;
    }
    const qint64 taken = qMin(available, maxSize);
    std::memcpy(data, m_input.constData() + m_inputRead, size_t(taken));
    m_inputRead += taken;
    if (m_inputRead == m_input.size()) {
        m_input.resize(0); // keeps its capacity for what comes next
        m_inputRead = 0;
    } else if (m_inputRead >= kCompactAfterBytes && m_inputRead * 2 >= m_input.size()) {
        m_input.remove(0, m_inputRead);
        m_inputRead = 0;
    }
    return taken;
}

qint64 MemorySocket::writeData(const char *data, qint64 size)
{
    if (state() != ConnectedState || !m_peer) {
        setErrorString(tr("The connection is closed."));
        return -1;
    }
    if (size == 0) {
        return 0;
    }
    m_peer->receive(data, size);
    announceWritten(size);
    return size;
}

void MemorySocket::receive(const char *data, qint64 size)
{
    m_input.append(data, size);
    announceReadable();
}

void MemorySocket::peerClosed()
{
    m_peer = nullptr;
    if (state() == UnconnectedState) {
        return;
    }
    // What the peer wrote before it closed is still ours to read.
    setSocketState(UnconnectedState);
    Q_EMIT stateChanged(UnconnectedState);
    Q_EMIT readChannelFinished();
    Q_EMIT disconnected();
}

void MemorySocket::hangUp(bool discardInput)
{
    if (discardInput) {
        m_input.clear();
        m_inputRead = 0;
    }
    if (state() == UnconnectedState) {
        return;
    }
    setSocketState(UnconnectedState);
    if (m_peer) {
        // Queued after the peer's readyRead for what we wrote last, so it reads that first.
        QMetaObject::invokeMethod(m_peer, &MemorySocket::peerClosed, Qt::QueuedConnection);
        m_peer = nullptr;
    }
    QMetaObject::invokeMethod(
        this,
        [this] {
            Q_EMIT stateChanged(UnconnectedState);
            Q_EMIT disconnected();
        },
        Qt::QueuedConnection);
}

void MemorySocket::announceReadable()
{
    if (m_readablePosted) {
        return;
    }
    m_readablePosted = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_readablePosted = false;
            if (bytesAvailable() > 0) {
                Q_EMIT readyRead();
            }
        },
        Qt::QueuedConnection);
}

void MemorySocket::connectNotify(const QMetaMethod &signal)
{
    if (signal == QMetaMethod::fromSignal(&QIODevice::bytesWritten)) {
        m_writtenWanted = true;
    }
    RelaySocket::connectNotify(signal);
}

void MemorySocket::announceWritten(qint64 bytes)
{
    if (!m_writtenWanted) {
        return;
    }
    const bool posted = m_writtenUnannounced > 0;
    m_writtenUnannounced += bytes;
    if (posted) {
        return;
    }
    QMetaObject::invokeMethod(
        this,
        [this] {
            const qint64 written = std::exchange(m_writtenUnannounced, 0);
            Q_EMIT bytesWritten(written);
        },
        Qt::QueuedConnection);
}

} // namespace Gatehouse
