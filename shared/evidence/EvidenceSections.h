#pragma once

#include "EvidencePack.h"
#include "domain/Onboarding.h"

namespace Gatehouse::EvidenceSections {

// The parts of an evidence pack, each appending its files; false (with *error) when the
// database could not be read.
[[nodiscard]] bool overview(const Database &db, const Onboarding &onboarding,
                            QList<EvidencePack::File> *files, QString *error);
[[nodiscard]] bool documents(const Database &db, const Onboarding &onboarding,
                             QList<EvidencePack::File> *files, QString *error);
[[nodiscard]] bool signatures(const Database &db, const Clock &clock, const Onboarding &onboarding,
                              QList<EvidencePack::File> *files, QString *error);
[[nodiscard]] bool forms(const Database &db, const Onboarding &onboarding,
                         QList<EvidencePack::File> *files, QString *error);
[[nodiscard]] bool decisions(const Database &db, const Onboarding &onboarding,
                             QList<EvidencePack::File> *files, QString *error);
[[nodiscard]] bool auditEvents(const Database &db, const Onboarding &onboarding,
                               QList<EvidencePack::File> *files, QString *error);

// Lower-case letters, digits and dashes, at most 40 characters: safe in any file name.
QString slug(const QString &text);
// "task-12-sign-the-service-agreement": unique by the id, readable by the title.
QString taskFileStem(const Task &task);

} // namespace Gatehouse::EvidenceSections
