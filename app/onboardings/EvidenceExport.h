#pragma once

#include "core/ConsoleContext.h"

#include <QString>

class QWidget;

namespace Gatehouse {

// "Export evidence pack…": asks where, writes the onboarding's evidence pack (a ZIP, see
// EvidencePack) with a progress dialog, and says where it went or what went wrong. Returns the
// path written, empty when cancelled or failed.
QString exportEvidencePack(QWidget *parent, const ConsoleContext &context, qint64 onboardingId);

} // namespace Gatehouse
