#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QStringList>

namespace Gatehouse {

// The portal's strings in the visitor's language, from the same .qm files the console uses.
// The web client marks strings with qsTr("..."), which lupdate extracts; here the same
// literals are read back out of the embedded scripts and looked up.
class PortalTranslations
{
public:
    PortalTranslations();

    QStringList languages() const { return m_catalogs.keys(); }
    // Best match for an Accept-Language header; "en" when none fits.
    QString negotiate(const QByteArray &acceptLanguage) const;
    QJsonObject catalog(const QString &language) const;

private:
    QHash<QString, QJsonObject> m_catalogs;
};

} // namespace Gatehouse
