#pragma once

#include <QByteArray>
#include <QString>

namespace Gatehouse {

// A file sent along with a mail, kept with its outbox row until the mail is delivered.
struct MailAttachment
{
    QString name;         // file name the recipient sees, e.g. "meeting.ics"
    QByteArray mediaType; // e.g. "text/calendar; method=PUBLISH"
    QByteArray data;
    // Non-empty: an image the HTML shows as cid:<contentId> (the workspace's logo), sent inline
    // beside the HTML rather than offered as a file.
    QByteArray contentId = {};
};

} // namespace Gatehouse
