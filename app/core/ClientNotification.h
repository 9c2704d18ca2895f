#pragma once

#include <QString>

namespace Gatehouse {

// One desktop notification about what clients did: the text it shows and the item a click
// opens (a question in the inbox, else a task of an onboarding).
struct ClientNotification
{
    QString title;
    QString body;
    int count = 0; // how many client actions it stands for
    qint64 companyId = 0;
    qint64 onboardingId = 0;
    qint64 taskId = 0;
    qint64 questionId = 0;
};

} // namespace Gatehouse
