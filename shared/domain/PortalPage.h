#pragma once

#include <QString>

namespace Gatehouse {

// A reference article of the portal (ONB-7): staff write it in Markdown, clients read it
// rendered once it is visible. Pages are shown in position order.
struct PortalPage
{
    qint64 id = 0;
    qint64 workspaceId = 0;
    QString title;
    QString body; // Markdown, as staff wrote it
    bool visible = false;
    int position = 0;
    qint64 createdAtMs = 0;
    qint64 updatedAtMs = 0;
    qint64 updatedByStaffId = 0; // 0: not a member of staff (the demo, the command line)
};

} // namespace Gatehouse
