#pragma once

#include "ChangeStamp.h"

#include <QHash>

#include <optional>

namespace Gatehouse {

// Values read from the database, kept for as long as it stays unchanged: they are all forgotten
// when the ChangeStamp moves on. A value must be read after the stamp it is kept under, so that
// it is at least as new as the stamp says. One cache per thread (stamps of different threads do
// not compare); no locking.
template<typename Key, typename Value>
class StampedCache
{
public:
    explicit StampedCache(qsizetype maxEntries)
        : m_maxEntries(maxEntries)
    {}

    // Takes the database's stamp as read now; values kept under another one are dropped.
    // Without a stamp (the engine cannot tell whether anything changed) nothing is found or
    // kept until there is one again.
    void sync(const std::optional<ChangeStamp> &stamp)
    {
        if (stamp != m_stamp) {
            m_values.clear();
            m_stamp = stamp;
        }
    }

    const Value *find(const Key &key) const
    {
        const auto found = m_values.constFind(key);
        return found == m_values.cend() ? nullptr : &found.value();
    }

    void insert(const Key &key, Value value)
    {
        if (!m_stamp) {
            return;
        }
        if (m_values.size() >= m_maxEntries && !m_values.contains(key)) {
            m_values.clear(); // bounded; what is still in use is read again
        }
        m_values.insert(key, std::move(value));
    }

private:
    qsizetype m_maxEntries;
    std::optional<ChangeStamp> m_stamp;
    QHash<Key, Value> m_values;
};

} // namespace Gatehouse
