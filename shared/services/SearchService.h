#pragma once

#include <QList>
#include <QString>

namespace Gatehouse {

class Database;

// Something the console's global search found.
struct SearchHit
{
    enum class Kind { Company, Contact, Onboarding, Task };

    qint64 id = 0; // unique among all hits: the row id and its kind
    Kind kind = Kind::Company;
    qint64 companyId = 0;
    qint64 contactId = 0;
    qint64 onboardingId = 0;
    qint64 taskId = 0;
    QString title;  // the name or title that matched (or the contact's name)
    QString detail; // where it is: the company, the onboarding, the contact's email
};

// Finds companies (by name), contacts (name or email), onboardings (name) and tasks (title) in
// a workspace; case-insensitive, the text matched literally anywhere in the field.
class SearchService
{
public:
    static constexpr int kLimitPerKind = 20;

    explicit SearchService(const Database &db)
        : m_db(db)
    {}

    // Companies first, then contacts, onboardings and tasks, each sorted by name.
    QList<SearchHit> search(qint64 workspaceId, const QString &text, QString *error,
                            int limitPerKind = kLimitPerKind) const;

    // The LIKE pattern matching `text` anywhere, with its wildcards taken literally (ESCAPE '!').
    static QString containsPattern(const QString &text);

private:
    const Database &m_db;
};

} // namespace Gatehouse
