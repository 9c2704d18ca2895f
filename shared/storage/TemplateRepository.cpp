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
    return insertPhases(templateId, tmpl.phases, error) ? templateId : 0;
}

bool TemplateRepository::insertPhases(qint64 templateId, const QList<TemplatePhase> &phases,
                                      QString *error)
{
    for (int p = 0; p < phases.size(); ++p) {
        const TemplatePhase &phase = phases.at(p);
        SqlQuery insertPhase(m_db, QStringLiteral("INSERT INTO template_phase (template_id, "
                                                  "position, name) VALUES (?, ?, ?) RETURNING id"));
        insertPhase << templateId << p << phase.name;
        if (!insertPhase.exec(error) || !insertPhase.next()) {
            return false;
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
                return false;
            }
        }
    }
    return true;
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

int TemplateRepository::update(qint64 id, const OnboardingTemplate &tmpl, QString *error)
{
    SqlQuery head(m_db,
                  QStringLiteral("UPDATE template SET name = ?, description = ? WHERE id = ?"));
    head << tmpl.name << tmpl.description << id;
    if (!head.exec(error)) {
        return -1;
    }
    if (head.rowsAffected() == 0) {
        return 0;
    }
    // The structure is replaced whole: positions stay dense and nothing refers to these rows
    // (onboardings hold copies).
    SqlQuery tasks(m_db, QStringLiteral("DELETE FROM template_task WHERE template_phase_id IN "
                                        "(SELECT id FROM template_phase WHERE template_id = ?)"));
    tasks << id;
    SqlQuery phases(m_db, QStringLiteral("DELETE FROM template_phase WHERE template_id = ?"));
    phases << id;
    if (!tasks.exec(error) || !phases.exec(error) || !insertPhases(id, tmpl.phases, error)) {
        return -1;
    }
    return 1;
}

int TemplateRepository::rename(qint64 id, const QString &name, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("UPDATE template SET name = ? WHERE id = ?"));
    query << name << id;
    return query.exec(error) ? query.rowsAffected() : -1;
}

int TemplateRepository::remove(qint64 id, QString *error)
{
    // Spelled out rather than left to ON DELETE, so it does not depend on the engine's settings.
    SqlQuery tasks(m_db, QStringLiteral("DELETE FROM template_task WHERE template_phase_id IN "
                                        "(SELECT id FROM template_phase WHERE template_id = ?)"));
    tasks << id;
    SqlQuery phases(m_db, QStringLiteral("DELETE FROM template_phase WHERE template_id = ?"));
    phases << id;
    SqlQuery detach(
        m_db, QStringLiteral("UPDATE onboarding SET template_id = NULL WHERE template_id = ?"));
    detach << id;
    SqlQuery head(m_db, QStringLiteral("DELETE FROM template WHERE id = ?"));
    head << id;
    if (!tasks.exec(error) || !phases.exec(error) || !detach.exec(error) || !head.exec(error)) {
        return -1;
    }
    return head.rowsAffected();
}

int TemplateRepository::onboardingCount(qint64 id, QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT COUNT(*) FROM onboarding WHERE template_id = ?"));
    query << id;
    if (!query.exec(error) || !query.next()) {
        return -1;
    }
    return int(query.int64(0));
}

} // namespace Gatehouse
