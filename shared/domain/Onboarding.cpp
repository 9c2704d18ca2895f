#include "Onboarding.h"

#include <algorithm>

namespace Gatehouse {

bool Phase::isComplete() const
{
    return std::all_of(tasks.cbegin(), tasks.cend(),
                       [](const Task &task) { return task.status == TaskStatus::Completed; });
}

int Onboarding::currentPhaseIndex() const
{
    for (int i = 0; i < phases.size(); ++i) {
        if (!phases.at(i).isComplete()) {
            return i;
        }
    }
    return -1;
}

} // namespace Gatehouse
