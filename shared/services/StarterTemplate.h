#pragma once

#include "domain/Template.h"

namespace Gatehouse {

#include <QJsonObject>

// The template every new workspace starts with: a managed services onboarding from kick-off to
// go-live that uses every kind of task, each with sensible settings, so a first onboarding can
// be started at once and shows what the portal offers.
class StarterTemplate
{
public:
    static OnboardingTemplate create();

private:
    static QJsonObject questionnaire();
    static QJsonObject rolloutChecklist();
    static QJsonObject upload();
};

} // namespace Gatehouse
