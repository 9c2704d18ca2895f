#include "TaskConfigRepository.h"

#include "SqlQuery.h"
#include "TaskConfigText.h"

namespace Gatehouse {

int TaskConfigRepository::mergeConfig(qint64 taskId, const QJsonObject &keys, qint64 nowMs,
                                      QString *error)
{
    SqlQuery read(m_db, QStringLiteral("SELECT config FROM task WHERE id = ?"));
    read << taskId;
    if (!read.exec(error)) {
        return -1;
    }
    if (!read.next()) {
        return 0;
    }
    QJsonObject config = configFromText(read.text(0));
    for (auto it = keys.begin(); it != keys.end(); ++it) {
        config.insert(it.key(), it.value());
    }
    SqlQuery write(m_db, QStringLiteral("UPDATE task SET config = ?, updated_at = ? WHERE id = ?"));
    write << configToText(config) << nowMs << taskId;
    if (!write.exec(error)) {
        return -1;
    }
    return write.rowsAffected();
}

} // namespace Gatehouse
