#pragma once

#include "MailMessage.h"
#include "domain/Directory.h"

namespace Gatehouse::MailComposer {

// The mails Gatehouse sends, in plain text and HTML, branded with the workspace.
MailMessage invitation(const Workspace &workspace, const Contact &contact, const QString &link);
MailMessage signInCode(const Workspace &workspace, const Contact &contact, const QString &code,
                       const QString &magicLink, int lifetimeMinutes);

} // namespace Gatehouse::MailComposer
