#include "SocketCalls.h"

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <sys/ioctl.h>
#include <sys/socket.h>
#endif
#ifdef Q_OS_LINUX
#include <linux/sockios.h>
#endif

namespace Gatehouse::SocketCalls {

bool shutdownWrite(qintptr socket)
{
#ifdef Q_OS_WIN
    return ::shutdown(SOCKET(socket), SD_SEND) == 0;
#else
    return ::shutdown(int(socket), SHUT_WR) == 0;
#endif
}

qint64 unsentBytes(qintptr socket)
{
#if defined(Q_OS_LINUX)
    int bytes = 0;
    return ::ioctl(int(socket), SIOCOUTQ, &bytes) == 0 ? bytes : 0;
#elif defined(Q_OS_MACOS)
    int bytes = 0;
    socklen_t size = sizeof bytes;
    return ::getsockopt(int(socket), SOL_SOCKET, SO_NWRITE, &bytes, &size) == 0 ? bytes : 0;
#else
    Q_UNUSED(socket)
    return 0;
#endif
}

bool resetOnClose(qintptr socket)
{
    linger option = {};
    option.l_onoff = 1;
    option.l_linger = 0;
#ifdef Q_OS_WIN
    return ::setsockopt(SOCKET(socket), SOL_SOCKET, SO_LINGER,
                        reinterpret_cast<const char *>(&option), sizeof option)
           == 0;
#else
    return ::setsockopt(int(socket), SOL_SOCKET, SO_LINGER, &option, sizeof option) == 0;
#endif
}

} // namespace Gatehouse::SocketCalls
