#pragma once

#include <QtGlobal>

// The few socket calls Qt does not offer, for POSIX and Windows alike.
namespace Gatehouse::SocketCalls {

// Shuts the socket for sending (a FIN after what is queued) while it still reads.
bool shutdownWrite(qintptr socket);

// Bytes the kernel holds for the socket that the peer has not acknowledged yet (Linux:
// SIOCOUTQ, macOS: SO_NWRITE); 0 where the system does not tell (Windows).
qint64 unsentBytes(qintptr socket);

// Makes closing the socket reset the connection (SO_LINGER 0) instead of leaving what is
// queued for the kernel to deliver: for a client that is dropped for not reading it.
bool resetOnClose(qintptr socket);

} // namespace Gatehouse::SocketCalls
