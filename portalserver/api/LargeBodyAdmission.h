#pragma once

#include "http/RequestGate.h"

#include <QByteArray>

#include <optional>

namespace Gatehouse {

struct PortalContext;

// What the front door asks before it reads a large body (an upload, a drop, a credential file:
// up to 100 MiB, spooled to disk): the cheap half of what the route's handler checks, so that a
// client without a session cannot make the server read and store that much. The request needs
// a cookie naming a live, fully signed-in session (one lookup of the token's hash), the
// session's CSRF token, and no Origin other than the portal's own; else the same 401 or 403
// the handler would give. The handler checks all of it again, and the rest (role, task).
// A staff member's read-only view passes here: its handler refuses it and records that.
class LargeBodyAdmission
{
public:
    static std::optional<RequestGate::Refusal> check(const PortalContext &context,
                                                     const QByteArray &head);
};

} // namespace Gatehouse
