// SPDX-License-Identifier: MIT
#pragma once

#include <QSemaphore>
#include <QThreadPool>

#include <atomic>
#include <thread>

// Runs `work` on this thread while every thread of QThreadPool::globalInstance() is held: the pool
// Qt 6.4's raster engine hands large line fills to and waits for. Returns whether `work` finished
// without the pool: if it waits for the pool, a watchdog lets the pool go after `limitMs` so the
// test fails instead of hanging.
template<typename Work> bool ranWithGlobalPoolHeld(Work work, int limitMs = 20000)
{
    QThreadPool *pool = QThreadPool::globalInstance();
    const int threads = pool->maxThreadCount();
    QSemaphore holding, release, done;
    for (int i = 0; i < threads; ++i) {
        pool->start([&] {
            holding.release();
            release.acquire();
        });
    }
    std::atomic<bool> letGo = false;
    std::thread watchdog([&] {
        if (!holding.tryAcquire(threads, limitMs) || !done.tryAcquire(1, limitMs)) {
            letGo = true;
            release.release(threads);
        }
    });
    work();
    done.release();
    watchdog.join();
    if (!letGo)
        release.release(threads);
    pool->waitForDone();
    return !letGo;
}
