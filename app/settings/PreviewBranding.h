#pragma once

#include <QByteArray>
#include <QString>

namespace Gatehouse {

// The branding as it stands in Settings > Branding, saved or not: what the preview shows.
struct PreviewBranding
{
    QString name;
    QString accentColor;
    QString welcomeMessage;
    QByteArray logoPng; // empty: no logo

    bool operator==(const PreviewBranding &other) const
    {
        return name == other.name && accentColor == other.accentColor
               && welcomeMessage == other.welcomeMessage && logoPng == other.logoPng;
    }
    bool operator!=(const PreviewBranding &other) const { return !(*this == other); }
};

} // namespace Gatehouse
