// SPDX-License-Identifier: MIT
// DefenderClient's machine paging against a fake network: pages arrive in order and complete,
// large ones in slices (one per event-loop turn); aborts between slices and with a page in flight.
#include "accesstokenprovider.h"
#include "clienttestutil.h"
#include "defenderclient.h"
#include "fakeclienttest.h"
#include "fakenetwork.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

using namespace FakeClientTest;

class TestDefenderClientPaging : public FakeClientTest::Fixture
{
    Q_OBJECT

    // Collects the ids of every pageReceived, in order, and the size of each.
    struct Received
    {
        QStringList ids;
        QList<int> sizes;
        QList<int> requestsSeen; // requests sent when each slice arrived
    };
    void collect(MachineListCall *call, Received *into)
    {
        connect(call, &MachineListCall::pageReceived, this, [this, into](const QList<Machine> &p) {
            into->sizes.append(int(p.size()));
            into->requestsSeen.append(int(m_net->seen.size()));
            for (const Machine &m : p)
                into->ids.append(m.id);
        });
    }

private Q_SLOTS:
    void pagesInOrderAndComplete()
    {
        // Pages of 3 (the first asks for 3 too); the fourth is short.
        m_net->handler = [](const FakeNetwork::Seen &s) {
            const qint64 skip = skipOf(s);
            return FakeAnswer::reply(200, page(skip, skip < 9 ? 3 : 1));
        };
        MachineListCall *call = m_client->listMachines({{}, 3});
        Received got;
        collect(call, &got);
        QSignalSpy finished(call, &ApiCall::finished);
        QVERIFY(waitFor(call));
        QVERIFY2(call->isOk(), qPrintable(call->error().displayText()));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(got.ids, expectedIds(10));
        QCOMPARE(got.sizes, (QList<int> {3, 3, 3, 1}));
        QCOMPARE(got.requestsSeen, (QList<int> {1, 2, 3, 4})); // one page at a time
        QCOMPARE(m_net->seen.size(), 4); // nothing asked for after the short page
        for (int i = 0; i < 4; ++i)
            QCOMPARE(skipOf(m_net->seen.at(i)), 3 * i);
    }

    void largePageInSlices()
    {
        // 500 first, then a short page of 4,500: slices of at most 2,000, in order, complete.
        m_net->handler = [](const FakeNetwork::Seen &s) {
            const qint64 skip = skipOf(s);
            return FakeAnswer::reply(200, page(skip, skip == 0 ? 500 : 4500));
        };
        MachineListCall *call = m_client->listMachines({{}, 10000});
        Received got;
        collect(call, &got);
        QSignalSpy finished(call, &ApiCall::finished);
        QVERIFY(waitFor(call));
        QVERIFY2(call->isOk(), qPrintable(call->error().displayText()));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(got.sizes, (QList<int> {500, 2000, 2000, 500}));
        QCOMPARE(got.ids, expectedIds(5000));
        QCOMPARE(call->receivedCount(), 5000);
    }

    void abortBetweenSlices()
    {
        m_net->handler = [](const FakeNetwork::Seen &s) {
            const qint64 skip = skipOf(s);
            return FakeAnswer::reply(200, page(skip, skip == 0 ? 500 : 4500));
        };
        MachineListCall *call = m_client->listMachines({{}, 10000});
        QSignalSpy finished(call, &ApiCall::finished);
        QSignalSpy pages(call, &MachineListCall::pageReceived);
        connect(call, &MachineListCall::pageReceived, call, [call](const QList<Machine> &p) {
            if (p.size() == 2000)
                call->abort(); // the first slice of the big page
        });
        QVERIFY(waitFor(call));
        settle();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(call->error().kind, ApiError::Kind::Cancelled);
        QCOMPARE(pages.size(), 2); // no slice after the abort
        QCOMPARE(call->receivedCount(), 2500);
        QCOMPARE(m_net->seen.size(), 2);
    }

    void abortWithPageInFlight()
    {
        // The second page never answers; the call is aborted while it is in flight.
        m_net->handler = [](const FakeNetwork::Seen &s) {
            return skipOf(s) == 0 ? FakeAnswer::reply(200, page(0, 3)) : FakeAnswer::hanging();
        };
        MachineListCall *call = m_client->listMachines({{}, 3});
        QSignalSpy finished(call, &ApiCall::finished);
        QSignalSpy pages(call, &MachineListCall::pageReceived);
        QTRY_COMPARE(m_net->seen.size(), 2);
        call->abort();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(call->error().kind, ApiError::Kind::Cancelled);
        settle(); // any late answer or parse: nothing more happens
        QCOMPARE(finished.size(), 1);
        QCOMPARE(pages.size(), 1);
        QCOMPARE(m_net->seen.size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestDefenderClientPaging)
#include "tst_defenderclientpaging.moc"
