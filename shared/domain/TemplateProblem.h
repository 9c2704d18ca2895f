#pragma once

#include <QString>

namespace Gatehouse {

// What is wrong with a template and where, so that the editor can select the phase or task the
// message is about. phase and task are positions; -1 when the problem is not in one.
struct TemplateProblem
{
    int phase = -1;
    int task = -1;
    QString message;
};

} // namespace Gatehouse
