#include "MailComposer.h"

#include "domain/MeetingSchedule.h"
#include "domain/Onboarding.h"

#include <QCoreApplication>
#include <QLocale>

namespace Gatehouse::MailComposer {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::MailComposer", text);
}

QString logo(const Workspace &workspace)
{
    if (workspace.logoFileId == 0) {
        return QString();
    }
    return QStringLiteral("<img src=\"cid:%1\" alt=\"\" height=\"48\" style=\"display:block;"
                          "max-height:48px;max-width:240px;margin:0 0 12px\">")
        .arg(QLatin1String(kLogoContentId));
}

QString html(const Workspace &workspace, const QString &heading, const QString &body,
             const QString &buttonText, const QString &link)
{
    const QString accent = workspace.accentColor.toHtmlEscaped();
    // No link, no button: a mail for staff points to the console, which has no address.
    const QString button
        = link.isEmpty()
              ? QString()
              : QStringLiteral("<p style=\"margin:24px 0\"><a href=\"%1\" style=\"background:%2;"
                               "color:#fff;padding:12px 20px;border-radius:6px;"
                               "text-decoration:none;display:inline-block\">%3</a></p>")
                    .arg(link.toHtmlEscaped(), accent, buttonText.toHtmlEscaped());
    return QStringLiteral(
               "<!DOCTYPE html><html><body style=\"margin:0;padding:24px;background:#f4f5f7;"
               "font-family:Segoe UI,Helvetica,Arial,sans-serif;color:#1d2330\">"
               "<div style=\"max-width:520px;margin:0 auto;background:#fff;border-radius:8px;"
               "padding:32px\">%1<p style=\"margin:0 0 16px;font-weight:600;color:%2\">%3</p>"
               "<h1 style=\"font-size:20px;margin:0 0 16px\">%4</h1>%5%6</div></body></html>")
        .arg(logo(workspace), accent, workspace.name.toHtmlEscaped(), heading.toHtmlEscaped(), body,
             button);
}

} // namespace

MailMessage withLogo(MailMessage message, const QByteArray &png)
{
    const QString reference = QStringLiteral("cid:") + QLatin1String(kLogoContentId);
    if (png.isEmpty() || !message.html.contains(reference)) {
        return message;
    }
    for (const MailAttachment &attachment : std::as_const(message.attachments)) {
        if (attachment.contentId == kLogoContentId) {
            return message;
        }
    }
    message.attachments.append(
        {QStringLiteral("logo.png"), QByteArrayLiteral("image/png"), png, kLogoContentId});
    return message;
}

MailMessage invitation(const Workspace &workspace, const Contact &contact, const QString &link)
{
    MailMessage message;
    message.to = contact.email;
    message.subject = tr("%1 invites you to your client portal").arg(workspace.name);
    const QString greeting = tr("Hello %1,").arg(contact.name);
    const QString intro = tr("%1 has set up a portal for %2 where you can follow your "
                             "onboarding and complete your tasks.")
                              .arg(workspace.name, contact.companyName);
    const QString action = tr("Open your portal");
    const QString noPassword = tr("No password needed: we will confirm your email address "
                                  "with a one-time code.");
    message.text = greeting + QStringLiteral("\n\n") + intro + QStringLiteral("\n\n") + action
                   + QStringLiteral(":\n") + link + QStringLiteral("\n\n") + noPassword
                   + QStringLiteral("\n");
    message.html = html(
        workspace, action,
        QStringLiteral("<p>%1</p><p>%2</p><p>%3</p>")
            .arg(greeting.toHtmlEscaped(), intro.toHtmlEscaped(), noPassword.toHtmlEscaped()),
        action, link);
    return message;
}

MailMessage signInCode(const Workspace &workspace, const Contact &contact, const QString &code,
                       const QString &magicLink, int lifetimeMinutes)
{
    MailMessage message;
    message.to = contact.email;
    message.subject = tr("Your sign-in code for %1: %2").arg(workspace.name, code);
    const QString codeLine = tr("Your sign-in code: %1").arg(code);
    const QString orLink = tr("Or sign in with this link:");
    const QString expiry = QCoreApplication::translate(
        "Gatehouse::MailComposer", "The code and the link work once and expire in %n minutes.",
        nullptr, lifetimeMinutes);
    const QString notYou = tr("If you did not ask to sign in, you can ignore this message.");
    message.text = codeLine + QStringLiteral("\n\n") + orLink + QStringLiteral("\n") + magicLink
                   + QStringLiteral("\n\n") + expiry + QStringLiteral("\n") + notYou
                   + QStringLiteral("\n");
    message.html = html(
        workspace, codeLine,
        QStringLiteral("<p style=\"font-size:28px;letter-spacing:6px;font-weight:700\">%1</p>"
                       "<p>%2</p><p>%3</p>")
            .arg(code.toHtmlEscaped(), expiry.toHtmlEscaped(), notYou.toHtmlEscaped()),
        tr("Sign in"), magicLink);
    return message;
}

MailMessage meetingInvitation(const Workspace &workspace, const Contact &contact, const Task &task,
                              const MeetingSchedule &schedule, const QString &portalLink,
                              const QByteArray &ics)
{
    MailMessage message;
    message.to = contact.email;
    message.subject = tr("Meeting: %1").arg(task.title);
    const QString greeting = tr("Hello %1,").arg(contact.name);
    const QString duration = QCoreApplication::translate("Gatehouse::MailComposer", "%n minutes",
                                                         nullptr, schedule.durationMinutes);
    const QString intro = tr("%1 has scheduled \"%2\".").arg(workspace.name, task.title);
    // The meeting's own zone, named: the mail cannot know where the reader is.
    const QString whenLine
        = tr("When: %1 (%2), %3")
              .arg(QLocale().toString(schedule.start(), QStringLiteral("dddd d MMMM yyyy, HH:mm")),
                   schedule.timeZone, duration);
    const QString joinLine = tr("Join: %1").arg(schedule.url);
    const QString calendar = tr("The attached calendar file adds the meeting to your calendar. "
                                "Your portal shows it in your own time zone:");
    message.text = greeting + QStringLiteral("\n\n") + intro + QStringLiteral("\n\n") + whenLine
                   + QStringLiteral("\n") + joinLine + QStringLiteral("\n\n") + calendar
                   + QStringLiteral("\n") + portalLink + QStringLiteral("\n");
    message.html
        = html(workspace, task.title,
               QStringLiteral("<p>%1</p><p>%2</p><p>%3<br>%4</p><p>%5</p>")
                   .arg(greeting.toHtmlEscaped(), intro.toHtmlEscaped(), whenLine.toHtmlEscaped(),
                        joinLine.toHtmlEscaped(), calendar.toHtmlEscaped()),
               tr("Open your portal"), portalLink);
    message.attachments.append({QStringLiteral("meeting.ics"),
                                QByteArrayLiteral("text/calendar; method=PUBLISH; charset=UTF-8"),
                                ics});
    return message;
}

MailMessage signedCertificate(const Workspace &workspace, const QString &to,
                              const QString &recipientName, const QString &signerName,
                              const QString &taskTitle, const QString &portalLink,
                              const QByteArray &pdf)
{
    MailMessage message;
    message.to = to;
    message.subject = tr("Signed: %1").arg(taskTitle);
    const QString greeting = tr("Hello %1,").arg(recipientName);
    const QString body = tr("%1 signed \"%2\". The signature certificate is attached: it names "
                            "the document with its SHA-256 fingerprint and records who signed, "
                            "when and from where.")
                             .arg(signerName, taskTitle);
    message.text = greeting + QStringLiteral("\n\n") + body + QStringLiteral("\n\n") + portalLink
                   + QStringLiteral("\n");
    message.html = html(
        workspace, taskTitle,
        QStringLiteral("<p>%1</p><p>%2</p>").arg(greeting.toHtmlEscaped(), body.toHtmlEscaped()),
        tr("Open the portal"), portalLink);
    message.attachments.append(
        {tr("Signature certificate.pdf"), QByteArrayLiteral("application/pdf"), pdf});
    return message;
}

MailMessage questionToStaff(const Workspace &workspace, const QString &to, const QString &staffName,
                            const Contact &contact, const QString &question)
{
    MailMessage message;
    message.to = to;
    message.subject = tr("Question from %1").arg(contact.name);
    const QString greeting = tr("Hello %1,").arg(staffName);
    const QString intro = tr("%1 <%2> asked in the portal:").arg(contact.name, contact.email);
    const QString next = tr("Answer it from the Inbox in the Gatehouse console.");
    message.text = greeting + QStringLiteral("\n\n") + intro + QStringLiteral("\n\n") + question
                   + QStringLiteral("\n\n") + next + QStringLiteral("\n");
    message.html
        = html(workspace, message.subject,
               QStringLiteral("<p>%1</p><p>%2</p><blockquote>%3</blockquote><p>%4</p>")
                   .arg(greeting.toHtmlEscaped(), intro.toHtmlEscaped(),
                        question.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")),
                        next.toHtmlEscaped()),
               QString(), QString());
    return message;
}

MailMessage answerToContact(const Workspace &workspace, const QString &to,
                            const QString &contactName, const QString &question,
                            const QString &answer, const QString &staffName,
                            const QString &portalLink)
{
    MailMessage message;
    message.to = to;
    message.subject = tr("Your question to %1 is answered").arg(workspace.name);
    const QString greeting = tr("Hello %1,").arg(contactName);
    const QString asked = tr("You asked:");
    const QString answered = tr("%1 answered:").arg(staffName);
    message.text = greeting + QStringLiteral("\n\n") + asked + QStringLiteral("\n") + question
                   + QStringLiteral("\n\n") + answered + QStringLiteral("\n") + answer
                   + QStringLiteral("\n\n") + portalLink + QStringLiteral("\n");
    const auto paragraphs = [](const QString &text) {
        return text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    };
    message.html
        = html(workspace, message.subject,
               QStringLiteral("<p>%1</p><p>%2</p><blockquote>%3</blockquote><p>%4</p>"
                              "<blockquote>%5</blockquote>")
                   .arg(greeting.toHtmlEscaped(), asked.toHtmlEscaped(), paragraphs(question),
                        answered.toHtmlEscaped(), paragraphs(answer)),
               tr("Open your portal"), portalLink);
    return message;
}

MailMessage testMail(const Workspace &workspace, const QString &to, const QString &staffName)
{
    MailMessage message;
    message.to = to;
    message.subject = tr("Test mail from %1").arg(workspace.name);
    const QString body = tr("%1 sent this message from Gatehouse's mail settings to check that "
                            "mail from %2 arrives. There is nothing else to do.")
                             .arg(staffName, workspace.name);
    message.text = body + QStringLiteral("\n");
    message.html
        = html(workspace, message.subject, QStringLiteral("<p>%1</p>").arg(body.toHtmlEscaped()),
               QString(), QString());
    return message;
}

} // namespace Gatehouse::MailComposer
