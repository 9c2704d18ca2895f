#pragma once

#include <QString>

namespace Gatehouse {

// A message on a task's thread (ONB-9). An internal note is staff's alone: no portal
// response and no mail to a contact ever carries it.
struct TaskComment
{
    enum class Author { Staff, Contact };

    qint64 id = 0;
    qint64 taskId = 0;
    Author author = Author::Staff;
    QString authorName;
    QString body;
    bool internal = false;
    qint64 createdAtMs = 0;
};

} // namespace Gatehouse
