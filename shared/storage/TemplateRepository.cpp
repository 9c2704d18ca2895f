#include "TemplateRepository.h"

#include "SqlQuery.h"
#include "TaskConfigText.h"

#include <QCoreApplication>

namespace Gatehouse {

qint64 TemplateRepository::create(qint64 workspaceId, const OnboardingTemplate &tmpl, qint64 nowMs,
                                  QString *error)
{
    if (tmpl.name.trimmed().isEmpty()) {
        if (error) {
            *error
                = QCoreApplication::translate("Gatehouse::Template", "Give the template a name.");
        }
        return 0;
    }
    SqlQuery insert(m_db, QStringLiteral("INSERT INTO template (workspace_id, name, description, "
                                         "created_at) VALUES (?, ?, ?, ?) RETURNING id"));
    insert << workspaceId << tmpl.name.trimmed() << tmpl.description << nowMs;
    if (!insert.exec(error) || !insert.next()) {
        return 0;
    }
    const qint64 templateId = insert.int64(0);
    for (int p = 0; p < tmpl.phases.size(); ++p) {
        const TemplatePhase &phase = tmpl.phases.at(p);
        SqlQuery insertPhase(m_db, QStringLiteral("INSERT INTO template_phase (template_id, "
                                                  "position, name) VALUES (?, ?, ?) RETURNING id"));
        insertPhase << templateId << p << phase.name;
        if (!insertPhase.exec(error) || !insertPhase.next()) {
            return 0;
        }
        const qint64 phaseId = insertPhase.int64(0);
        for (int t = 0; t < phase.tasks.size(); ++t) {
            const TemplateTask &task = phase.tasks.at(t);
            SqlQuery insertTask(
                m_db, QStringLiteral("INSERT INTO template_task (template_phase_id, position, "
                                     "title, description, evidence_type, owner_side, "
                                     "due_offset_days, config) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
            insertTask << phaseId << t << task.title << task.description << toKey(task.evidenceType)
                       << toKey(task.ownerSide) << task.dueOffsetDays << configToText(task.config);
            if (!insertTask.exec(error)) {
                return 0;
            }
        }
    }
    return templateId;
}

QList<OnboardingTemplate> TemplateRepository::list(qint64 workspaceId, QString *error) const
{
    QList<OnboardingTemplate> result;
    SqlQuery query(m_db, QStringLiteral("SELECT id, name, description FROM template "
                                        "WHERE workspace_id = ? ORDER BY name"));
    query << workspaceId;
    if (!query.exec(error)) {
        return result;
    }
    while (query.next()) {
        result.append({query.int64(0), query.text(1), query.text(2), {}});
    }
    return result;
}

std::optional<OnboardingTemplate> TemplateRepository::get(qint64 id, QString *error) const
{
    SqlQuery head(m_db, QStringLiteral("SELECT id, name, description FROM template WHERE id = ?"));
    head << id;
    if (!head.exec(error) || !head.next()) {
        return std::nullopt;
    }
    OnboardingTemplate tmpl{head.int64(0), head.text(1), head.text(2), {}};

    SqlQuery rows(m_db,
                  QStringLiteral("SELECT p.id, p.name, t.title, t.description, t.evidence_type, "
                                 "t.owner_side, t.due_offset_days, t.config FROM template_phase p "
                                 "LEFT JOIN template_task t ON t.template_phase_id = p.id "
                                 "WHERE p.template_id = ? ORDER BY p.position, t.position"));
    rows << id;
    if (!rows.exec(error)) {
        return std::nullopt;
    }
    qint64 currentPhase = 0;
    while (rows.next()) {
        if (rows.int64(0) != currentPhase) {
            currentPhase = rows.int64(0);
            tmpl.phases.append({rows.text(1), {}});
        }
        if (rows.isNull(2)) {
            continue; // a phase without tasks
        }
        TemplateTask task;
        task.title = rows.text(2);
        task.description = rows.text(3);
        task.evidenceType = evidenceTypeFromString(rows.text(4)).value_or(EvidenceType::Standard);
        task.ownerSide = ownerSideFromString(rows.text(5)).value_or(OwnerSide::Client);
        task.dueOffsetDays = rows.value(6).toInt();
        task.config = configFromText(rows.text(7));
        tmpl.phases.last().tasks.append(task);
    }
    return tmpl;
}

} // namespace Gatehouse
