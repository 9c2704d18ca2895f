#pragma once

#include <QtGlobal>

#include <functional>

class QProcess;

namespace Gatehouse::Testing {

// Runs the event loop until done() holds; false when timeoutMs passed first. Portals in the
// test's own process serve on this thread, so tests never block on a socket. Unlike QTRY_* and
// QTest::qWaitFor, which nap 10 to 50 ms between looks, this wakes on every event: a request to
// an in-process portal (more so over TLS) takes many turns, and naps add up to seconds.
[[nodiscard]] bool waitFor(const std::function<bool()> &done, int timeoutMs = 5000);

// A loopback port nobody listens on right now.
quint16 freePort();

// Waits, with the event loop turning, until GET /api/v1/branding on the port answers 200 (the
// portal, or a proxy in front of it), or the process has gone. False when it never did.
[[nodiscard]] bool answers(quint16 port, const QProcess *process, int timeoutMs);

} // namespace Gatehouse::Testing
