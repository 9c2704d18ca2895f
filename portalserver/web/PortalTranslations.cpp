#include "PortalTranslations.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTranslator>

namespace Gatehouse {

namespace {

struct SourceString
{
    QString context;
    QString text;
};

QList<SourceString> scriptStrings()
{
    static const QRegularExpression call(QStringLiteral(R"(qsTr\(\s*"((?:[^"\\]|\\.)*)\")"));
    QList<SourceString> strings;
    QDirIterator it(QStringLiteral(":/portal"), {QStringLiteral("*.js")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            continue;
        }
        const QString source = QString::fromUtf8(file.readAll());
        const QString context = QFileInfo(path).completeBaseName();
        QRegularExpressionMatchIterator matches = call.globalMatch(source);
        while (matches.hasNext()) {
            QString text = matches.next().captured(1);
            // The JSON parser undoes JavaScript's escapes (\" \\ \n \uXXXX) for us.
            const QJsonDocument decoded = QJsonDocument::fromJson(
                QByteArrayLiteral("[\"") + text.toUtf8() + QByteArrayLiteral("\"]"));
            if (decoded.isArray()) {
                text = decoded.array().at(0).toString();
            }
            strings.append({context, text});
        }
    }
    return strings;
}

} // namespace

PortalTranslations::PortalTranslations()
{
    const QList<SourceString> strings = scriptStrings();
    QDirIterator it(QStringLiteral(":/i18n"), {QStringLiteral("gatehouse_*.qm")}, QDir::Files);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString language = QFileInfo(path).completeBaseName().section(QLatin1Char('_'), 1);
        QTranslator translator;
        if (!translator.load(path)) {
            continue;
        }
        QJsonObject catalog;
        for (const SourceString &string : strings) {
            const QString translated = translator.translate(string.context.toUtf8().constData(),
                                                            string.text.toUtf8().constData());
            if (!translated.isEmpty()) {
                catalog.insert(string.text, translated);
            }
        }
        m_catalogs.insert(language, catalog);
    }
}

QString PortalTranslations::negotiate(const QByteArray &acceptLanguage) const
{
    // "de-CH,de;q=0.9,en;q=0.8": the first language we have wins (browsers list by preference).
    const QList<QByteArray> ranges = acceptLanguage.split(',');
    for (const QByteArray &range : ranges) {
        const QString tag = QString::fromLatin1(range.split(';').first().trimmed()).toLower();
        const QString primary = tag.section(QLatin1Char('-'), 0, 0);
        if (primary == QLatin1String("en")) {
            return QStringLiteral("en");
        }
        if (m_catalogs.contains(primary)) {
            return primary;
        }
    }
    return QStringLiteral("en");
}

QJsonObject PortalTranslations::catalog(const QString &language) const
{
    return m_catalogs.value(language);
}

} // namespace Gatehouse
