#pragma once

#include "core/ConsoleContext.h"
#include "vault/SecureBytes.h"

#include <QString>

#include <optional>

class QWidget;

namespace Gatehouse {

// The vault key for one download or reveal: asks the signed-in member of staff for their
// password and unlocks the vault with it (VaultService::unlock, which audits refusals). A
// minimal prompt, and the one place to swap for a console-wide vault session; the key is not
// kept beyond the caller's use.
class VaultKeyPrompt
{
public:
    // nullopt when cancelled (*error empty) or refused (*error says why).
    static std::optional<SecureBytes> unlock(QWidget *parent, const ConsoleContext &context,
                                             QString *error);

    // For tests: the next prompt is not shown and answers with this password.
    static void setNextPassword(const QString &password);
};

} // namespace Gatehouse
