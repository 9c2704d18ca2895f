#include "ReviewQueue.h"

#include "domain/TrainingSpec.h"
#include "storage/SqlQuery.h"
#include "storage/TaskConfigText.h"

#include <algorithm>

namespace Gatehouse {

namespace {

// Queue ids: a row id and its kind, so a file and a task with the same number differ.
qint64 queueId(qint64 rowId, ReviewItem::Kind kind)
{
    return rowId * 4 + int(kind);
}

const QLatin1String kTaskJoins(" FROM task t JOIN onboarding o ON o.id = t.onboarding_id "
                               "JOIN company c ON c.id = o.company_id ");

} // namespace

QList<ReviewItem> ReviewQueue::items(qint64 workspaceId, QString *error) const
{
    QList<ReviewItem> items;
    SqlQuery files(m_db, QStringLiteral("SELECT tf.id, t.id, c.id, c.name, o.name, t.title, "
                                        "f.name, f.media_type, tf.created_at FROM task_file tf "
                                        "JOIN stored_file f ON f.id = tf.file_id "
                                        "JOIN task t ON t.id = tf.task_id "
                                        "JOIN onboarding o ON o.id = t.onboarding_id "
                                        "JOIN company c ON c.id = o.company_id "
                                        "WHERE c.workspace_id = ? AND tf.role = 'upload' "
                                        "AND tf.review_state = 'uploaded'"));
    files << workspaceId;
    if (!files.exec(error)) {
        return {};
    }
    while (files.next()) {
        items.append({queueId(files.int64(0), ReviewItem::Kind::File), ReviewItem::Kind::File,
                      files.int64(1), files.int64(0), files.int64(2), files.text(3), files.text(4),
                      files.text(5), files.text(6), files.text(7), files.int64(8)});
    }

    // The latest decision's comment says what the client wants changed. "<> 'completed'"
    // adds nothing but lets SQLite use the partial index of open tasks by kind.
    SqlQuery approvals(m_db, QStringLiteral("SELECT t.id, c.id, c.name, o.name, t.title, "
                                            "COALESCE((SELECT d.comment FROM task_decision d "
                                            "WHERE d.task_id = t.id ORDER BY d.id DESC LIMIT 1), "
                                            "''), t.updated_at")
                                 + kTaskJoins
                                 + QLatin1String("WHERE c.workspace_id = ? AND "
                                                 "t.evidence_type = 'approval' AND "
                                                 "t.status = 'blocked' AND "
                                                 "t.status <> 'completed'"));
    approvals << workspaceId;
    if (!approvals.exec(error)) {
        return {};
    }
    while (approvals.next()) {
        items.append({queueId(approvals.int64(0), ReviewItem::Kind::Approval),
                      ReviewItem::Kind::Approval, approvals.int64(0), 0, approvals.int64(1),
                      approvals.text(2), approvals.text(3), approvals.text(4), approvals.text(5),
                      QString(), approvals.int64(6)});
    }

    SqlQuery trainings(m_db, QStringLiteral("SELECT t.id, c.id, c.name, o.name, t.title, "
                                            "t.config, t.updated_at")
                                 + kTaskJoins
                                 + QLatin1String("WHERE c.workspace_id = ? AND "
                                                 "t.evidence_type = 'training' AND "
                                                 "t.status <> 'completed'"));
    trainings << workspaceId;
    if (!trainings.exec(error)) {
        return {};
    }
    while (trainings.next()) {
        const QJsonObject config = configFromText(trainings.text(5));
        if (!TrainingSpec::isInPerson(config)) {
            continue;
        }
        items.append({queueId(trainings.int64(0), ReviewItem::Kind::Training),
                      ReviewItem::Kind::Training, trainings.int64(0), 0, trainings.int64(1),
                      trainings.text(2), trainings.text(3), trainings.text(4),
                      config.value(QStringLiteral("instructions")).toString(), QString(),
                      trainings.int64(6)});
    }
    std::stable_sort(items.begin(), items.end(), [](const ReviewItem &a, const ReviewItem &b) {
        return a.sinceMs < b.sinceMs;
    });
    return items;
}

} // namespace Gatehouse
