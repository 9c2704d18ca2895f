#pragma once

#include "core/ServiceError.h"
#include "domain/Actor.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace Gatehouse {

class Clock;
class Database;

// Everything that shows what happened in one onboarding, for an auditor or a dispute (TRU-3):
// the onboarding's tasks and who completed them, signed PDFs with their evidence and whether
// it still verifies, form answers (JSON and PDF), the hashes of every document (not the
// documents), approvals and checklist ticks, and the onboarding's audit events with their
// chain hashes. MANIFEST.sha256 lists every other file's SHA-256 in sha256sum's format.
class EvidencePack
{
public:
    struct File
    {
        QString path; // inside the archive
        QByteArray data;
    };

    EvidencePack(const Database &db, const Clock &clock);

    // The pack's files, the manifest last. Rendering form answers as PDF needs a
    // QGuiApplication (fonts), as the console and `gatehouse-portal serve` run.
    std::optional<QList<File>> collect(qint64 onboardingId, QString *error) const;

    // Collects the pack, writes it as a ZIP at zipPath and records the export in the audit
    // trail. progress runs from 0 to 1 while the archive is written.
    [[nodiscard]] bool write(qint64 onboardingId, const QString &zipPath, const Actor &actor,
                             ServiceError *error,
                             const std::function<void(double)> &progress = {}) const;

    // A file name for the pack: "evidence-<company>-<onboarding>-<date>.zip".
    std::optional<QString> suggestedName(qint64 onboardingId, QString *error) const;

private:
    const Database &m_db;
    const Clock &m_clock;
};

} // namespace Gatehouse
