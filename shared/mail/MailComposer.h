#pragma once

#include "MailMessage.h"
#include "domain/Directory.h"

#include <QByteArray>

namespace Gatehouse {
struct MeetingSchedule;
struct Task;
} // namespace Gatehouse

namespace Gatehouse::MailComposer {

// The mails Gatehouse sends, in plain text and HTML, branded with the workspace.
MailMessage invitation(const Workspace &workspace, const Contact &contact, const QString &link);
MailMessage signInCode(const Workspace &workspace, const Contact &contact, const QString &code,
                       const QString &magicLink, int lifetimeMinutes);
// A meeting scheduled (or moved) by staff, with its calendar file (ics) attached.
// A signature's certificate (PDF attached) to the signer or to staff.
MailMessage signedCertificate(const Workspace &workspace, const QString &to,
                              const QString &recipientName, const QString &signerName,
                              const QString &taskTitle, const QString &portalLink,
                              const QByteArray &pdf);
MailMessage meetingInvitation(const Workspace &workspace, const Contact &contact, const Task &task,
                              const MeetingSchedule &schedule, const QString &portalLink,
                              const QByteArray &ics);

} // namespace Gatehouse::MailComposer
