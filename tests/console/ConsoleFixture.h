#pragma once

#include "TestDatabase.h"
#include "core/ConsoleContext.h"

#include <QString>

namespace Gatehouse::Testing {

// A workspace to drive the console against: an administrator, two client companies and a
// contact at each, as a staff member would have set them up.
struct ConsoleFixture
{
    static constexpr char kAdminEmail[] = "dana@northwind.example";
    static constexpr char kAdminPassword[] = "correct horse battery";

    qint64 workspaceId = 0;
    qint64 acmeId = 0;
    qint64 birchId = 0;
    qint64 acmeContactId = 0;
    qint64 birchContactId = 0;
    ConsoleContext context;

    // Fills the database behind `test`; returns an empty string or what failed.
    QString create(TestDatabase &test);
};

} // namespace Gatehouse::Testing
