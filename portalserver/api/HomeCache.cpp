#include "HomeCache.h"

#include "storage/ActivityRepository.h"

namespace Gatehouse {

qint64 HomeCache::activityMark(const Database &db, const std::optional<ChangeStamp> &checkedAt,
                               QString *error)
{
    if (checkedAt && checkedAt == m_markStamp) {
        return m_mark;
    }
    const qint64 mark = ActivityRepository(db).latestId(error);
    if (mark < 0) {
        m_markStamp.reset();
        return -1;
    }
    m_markStamp = checkedAt;
    m_mark = mark;
    return mark;
}

std::optional<Http::JsonEntity> HomeCache::find(qint64 companyId, qint64 activityMark) const
{
    const auto found = m_entries.constFind(companyId);
    if (found == m_entries.cend() || found->activityMark != activityMark || activityMark < 0) {
        return std::nullopt;
    }
    return found->entity;
}

void HomeCache::store(qint64 companyId, qint64 activityMark, const Http::JsonEntity &entity)
{
    if (activityMark < 0) {
        return;
    }
    if (m_entries.size() >= kMaxEntries && !m_entries.contains(companyId)) {
        m_entries.clear(); // crude but bounded; a full cache is rebuilt as clients come back
    }
    m_entries.insert(companyId, Entry{activityMark, entity});
}

} // namespace Gatehouse
