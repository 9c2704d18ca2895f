#pragma once

#include "MailAttachment.h"

#include <QList>
#include <QString>

namespace Gatehouse {

struct MailMessage
{
    qint64 id = 0; // outbox row
    QString to;
    QString subject;
    QString text;
    QString html; // optional alternative
    QList<MailAttachment> attachments;
    int attempts = 0;
    qint64 createdAtMs = 0;
    qint64 sentAtMs = 0;
    QString lastError;
};

} // namespace Gatehouse
