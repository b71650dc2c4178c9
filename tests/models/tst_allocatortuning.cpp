// SPDX-License-Identifier: MIT
// limitAllocatorArenas(): memory a second thread allocates comes from the one arena.
#include "allocatortuning.h"

#include <QTest>

#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#ifdef __GLIBC__
#include <malloc.h>
#endif

class TestAllocatorTuning : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void threadsShareOneArena()
    {
#ifndef __GLIBC__
        QSKIP("glibc only");
#else
        // A thread's first allocation would give it an arena of its own (glibc creates up to
        // eight per core); with the limit it takes the main one.
        std::thread worker([] {
            std::vector<void *> blocks;
            for (int i = 0; i < 64; ++i)
                blocks.push_back(std::malloc(1000));
            for (void *block : blocks)
                std::free(block);
        });
        worker.join();
        char *text = nullptr;
        size_t size = 0;
        FILE *out = open_memstream(&text, &size);
        QVERIFY(out);
        QCOMPARE(malloc_info(0, out), 0);
        std::fclose(out);
        const QByteArray info(text, qsizetype(size));
        std::free(text);
        QVERIFY2(info.contains("<heap nr=\"0\">"), info.constData());
        QVERIFY2(!info.contains("<heap nr=\"1\">"), info.constData());
#endif
    }
};

int main(int argc, char *argv[])
{
    limitAllocatorArenas(); // first, before QTest or Qt start any thread
    TestAllocatorTuning test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_allocatortuning.moc"
