#pragma once

#include "http/HttpHelpers.h"
#include "storage/ChangeStamp.h"

#include <QHash>

#include <optional>

namespace Gatehouse {

class Database;

// The home JSON of each company, as last built, with the activity mark it was built at. Every
// change to onboardings, phases and tasks appends to the activity table in the same transaction
// (see OnboardingRepository), so while the newest activity id is unchanged the cached body is
// still true, in this process and across every other server on the same database. One cache
// per server thread; no locking.
class HomeCache
{
public:
    static constexpr int kMaxEntries = 1000;

    // The newest activity id (-1 when it cannot be read, error says why). It is read again only
    // when the database changed since the last read: checkedAt is the stamp the request's
    // session was checked at, before this is read.
    qint64 activityMark(const Database &db, const std::optional<ChangeStamp> &checkedAt,
                        QString *error);

    std::optional<Http::JsonEntity> find(qint64 companyId, qint64 activityMark) const;
    void store(qint64 companyId, qint64 activityMark, const Http::JsonEntity &entity);

private:
    struct Entry
    {
        qint64 activityMark = -1;
        Http::JsonEntity entity;
    };
    QHash<qint64, Entry> m_entries;
    std::optional<ChangeStamp> m_markStamp;
    qint64 m_mark = -1;
};

} // namespace Gatehouse
