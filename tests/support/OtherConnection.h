#pragma once

#include <QThread>

#include <memory>
#include <utility>

namespace Gatehouse::Testing {

// Runs work on a thread of its own and waits for it: every Database it touches is reached
// through that thread's own connection, as the console or another portal process would reach
// the database, rather than through the calling thread's.
template<typename Work>
void onOtherConnection(Work &&work)
{
    std::unique_ptr<QThread> thread(QThread::create(std::forward<Work>(work)));
    thread->start();
    thread->wait();
}

} // namespace Gatehouse::Testing
