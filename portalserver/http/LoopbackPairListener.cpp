#include "LoopbackPairListener.h"

#include "InnerPair.h"
#include "RelaySocket.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcFrontDoor)

namespace Gatehouse {

LoopbackPairListener::LoopbackPairListener(QObject *parent)
    : QTcpServer(parent)
{}

bool LoopbackPairListener::start(QString *error)
{
    if (isListening()) {
        return true;
    }
    if (!listen(QHostAddress::LocalHost, 0)) {
        if (error) {
            *error = QStringLiteral("cannot listen on loopback for inner pairs: %1")
                         .arg(errorString());
        }
        return false;
    }
    return true;
}

void LoopbackPairListener::expect(quint16 port, InnerPair *pair)
{
    m_expected.insert(port, pair);
}

void LoopbackPairListener::forget(quint16 port)
{
    m_expected.remove(port);
}

void LoopbackPairListener::incomingConnection(qintptr socketDescriptor)
{
    auto *relay = new RelaySocket();
    // As QTcpServer does for its own sockets: a descriptor it cannot take is left to the system.
    if (!relay->setSocketDescriptor(socketDescriptor)) {
        delete relay;
        return;
    }
    QPointer<InnerPair> pair;
    if (relay->peerAddress().isEqual(QHostAddress::LocalHost)) {
        pair = m_expected.take(relay->peerPort());
    }
    if (!pair) {
        ++m_refused;
        qCWarning(lcFrontDoor).noquote()
            << "closed a loopback connection that no front door connection made, from port"
            << relay->peerPort();
        relay->abort();
        delete relay;
        return;
    }
    pair->accepted(relay);
}

} // namespace Gatehouse
