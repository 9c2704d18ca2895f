#pragma once

#include <QString>

namespace Gatehouse::CoreDumps {

// Keeps revealed credentials and the vault's key out of crash dumps: no core file, and (on
// Linux) no ptrace attach or /proc/<pid>/mem reads by other processes of the same user.
// False with the reason when the system refused.
[[nodiscard]] bool disable(QString *error);

} // namespace Gatehouse::CoreDumps
