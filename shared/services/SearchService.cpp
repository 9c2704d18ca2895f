#include "SearchService.h"

#include "storage/SqlQuery.h"

namespace Gatehouse {

namespace {

qint64 hitId(qint64 rowId, SearchHit::Kind kind)
{
    return rowId * 4 + int(kind);
}

} // namespace

QString SearchService::containsPattern(const QString &text)
{
    // '!' rather than backslash: PostgreSQL's string literals and SQLite treat it alike.
    QString escaped;
    escaped.reserve(text.size() + 2);
    for (const QChar c : text.toLower()) {
        if (c == QLatin1Char('%') || c == QLatin1Char('_') || c == QLatin1Char('!')) {
            escaped += QLatin1Char('!');
        }
        escaped += c;
    }
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

QList<SearchHit> SearchService::search(qint64 workspaceId, const QString &text, QString *error,
                                       int limitPerKind) const
{
    const QString needle = text.trimmed();
    if (needle.isEmpty()) {
        return {};
    }
    const QString pattern = containsPattern(needle);
    QList<SearchHit> hits;

    SqlQuery companies(m_db, QStringLiteral("SELECT c.id, c.name FROM company c "
                                            "WHERE c.workspace_id = ? AND "
                                            "LOWER(c.name) LIKE ? ESCAPE '!' "
                                            "ORDER BY LOWER(c.name), c.id LIMIT ?"));
    companies << workspaceId << pattern << limitPerKind;
    if (!companies.exec(error)) {
        return {};
    }
    while (companies.next()) {
        const qint64 id = companies.int64(0);
        hits.append({hitId(id, SearchHit::Kind::Company), SearchHit::Kind::Company, id, 0, 0, 0,
                     companies.text(1), QString()});
    }

    SqlQuery contacts(m_db, QStringLiteral("SELECT p.id, c.id, p.name, p.email, c.name "
                                           "FROM contact p JOIN company c ON c.id = p.company_id "
                                           "WHERE c.workspace_id = ? AND "
                                           "(LOWER(p.name) LIKE ? ESCAPE '!' OR "
                                           "LOWER(p.email) LIKE ? ESCAPE '!') "
                                           "ORDER BY LOWER(p.name), p.id LIMIT ?"));
    contacts << workspaceId << pattern << pattern << limitPerKind;
    if (!contacts.exec(error)) {
        return {};
    }
    while (contacts.next()) {
        const qint64 id = contacts.int64(0);
        hits.append({hitId(id, SearchHit::Kind::Contact), SearchHit::Kind::Contact,
                     contacts.int64(1), id, 0, 0, contacts.text(2),
                     contacts.text(3) + QStringLiteral(" · ") + contacts.text(4)});
    }

    SqlQuery onboardings(m_db, QStringLiteral("SELECT o.id, c.id, o.name, c.name "
                                              "FROM onboarding o "
                                              "JOIN company c ON c.id = o.company_id "
                                              "WHERE c.workspace_id = ? AND "
                                              "LOWER(o.name) LIKE ? ESCAPE '!' "
                                              "ORDER BY LOWER(o.name), o.id LIMIT ?"));
    onboardings << workspaceId << pattern << limitPerKind;
    if (!onboardings.exec(error)) {
        return {};
    }
    while (onboardings.next()) {
        const qint64 id = onboardings.int64(0);
        hits.append({hitId(id, SearchHit::Kind::Onboarding), SearchHit::Kind::Onboarding,
                     onboardings.int64(1), 0, id, 0, onboardings.text(2), onboardings.text(3)});
    }

    SqlQuery tasks(m_db, QStringLiteral("SELECT t.id, o.id, c.id, t.title, o.name, c.name "
                                        "FROM task t JOIN onboarding o ON o.id = t.onboarding_id "
                                        "JOIN company c ON c.id = o.company_id "
                                        "WHERE c.workspace_id = ? AND "
                                        "LOWER(t.title) LIKE ? ESCAPE '!' "
                                        "ORDER BY LOWER(t.title), t.id LIMIT ?"));
    tasks << workspaceId << pattern << limitPerKind;
    if (!tasks.exec(error)) {
        return {};
    }
    while (tasks.next()) {
        const qint64 id = tasks.int64(0);
        hits.append({hitId(id, SearchHit::Kind::Task), SearchHit::Kind::Task, tasks.int64(2), 0,
                     tasks.int64(1), id, tasks.text(3),
                     tasks.text(4) + QStringLiteral(" · ") + tasks.text(5)});
    }
    return hits;
}

} // namespace Gatehouse
