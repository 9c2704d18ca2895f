#pragma once

#include "MailMessage.h"
#include "domain/Directory.h"

#include <QByteArray>

namespace Gatehouse {
struct MeetingSchedule;
struct Task;
} // namespace Gatehouse

namespace Gatehouse::MailComposer {

// The HTML of every mail shows the workspace's logo, when it has one, as cid:<this>; the
// outbox adds the image when it sends the mail (withLogo), so queued mails do not each store
// a copy.
inline constexpr char kLogoContentId[] = "logo@gatehouse";
MailMessage withLogo(MailMessage message, const QByteArray &png);

// The mails Gatehouse sends, in plain text and HTML, branded with the workspace.
MailMessage invitation(const Workspace &workspace, const Contact &contact, const QString &link);
MailMessage signInCode(const Workspace &workspace, const Contact &contact, const QString &code,
                       const QString &magicLink, int lifetimeMinutes);
// A meeting scheduled (or moved) by staff, with its calendar file (ics) attached.
// A contact's question, to a member of staff.
MailMessage questionToStaff(const Workspace &workspace, const QString &to, const QString &staffName,
                            const Contact &contact, const QString &question);
// Staff's answer, to the contact who asked.
MailMessage answerToContact(const Workspace &workspace, const QString &to,
                            const QString &contactName, const QString &question,
                            const QString &answer, const QString &staffName,
                            const QString &portalLink);
// A signature's certificate (PDF attached) to the signer or to staff.
MailMessage signedCertificate(const Workspace &workspace, const QString &to,
                              const QString &recipientName, const QString &signerName,
                              const QString &taskTitle, const QString &portalLink,
                              const QByteArray &pdf);
MailMessage meetingInvitation(const Workspace &workspace, const Contact &contact, const Task &task,
                              const MeetingSchedule &schedule, const QString &portalLink,
                              const QByteArray &ics);
// Sent from the console's mail settings to check them; says who sent it.
MailMessage testMail(const Workspace &workspace, const QString &to, const QString &staffName);

} // namespace Gatehouse::MailComposer
