// SPDX-License-Identifier: MIT
// DefenderClient's compact listing (MachineQuery::compact) against a fake network: whole pages
// as batches, in order and complete; the next page asked for before this one is delivered, but
// never a request the paging would not make; an error or an abort with a page asked ahead; pages
// parsed while Qt's own thread pool is busy.
#include "accesstokenprovider.h"
#include "clienttestutil.h"
#include "defenderclient.h"
#include "fakeclienttest.h"
#include "fakenetwork.h"
#include "machinetablemodel.h"

#include <QCoreApplication>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>
#include <QUrlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

using namespace FakeClientTest;

class TestDefenderClientCompact : public FakeClientTest::Fixture
{
    Q_OBJECT

    // Merges every batch into a table model.
    struct Received
    {
        MachineTableModel model;
        QList<int> sizes;
    };
    void collect(MachineListCall *call, Received *into)
    {
        connect(call, &MachineListCall::batchReceived, this, [into](const MachineBatch &b) {
            into->sizes.append(b.size());
            into->model.appendBatch(b);
        });
    }
    static QStringList ids(const MachineTableModel &model)
    {
        QStringList out;
        for (int row = 0; row < model.rowCount(); ++row)
            out.append(model.machineId(row));
        return out;
    }
    static MachineQuery compact(int pageSize)
    {
        MachineQuery query;
        query.pageSize = pageSize;
        query.compact = true;
        return query;
    }

private Q_SLOTS:
    void pagesWholeAndInOrder_data()
    {
        QTest::addColumn<int>("devices");
        QTest::addColumn<QList<int>>("sizes");
        QTest::addColumn<int>("requests");
        // Pages of 3. The requests are those of the plain listing: none past a short page;
        // an exact multiple ends on an empty page (not delivered).
        QTest::newRow("short last page") << 10 << QList<int> {3, 3, 3, 1} << 4;
        QTest::newRow("exact multiple") << 6 << QList<int> {3, 3} << 3;
        QTest::newRow("one short page") << 2 << QList<int> {2} << 1;
    }
    void pagesWholeAndInOrder()
    {
        QFETCH(int, devices);
        QFETCH(QList<int>, sizes);
        QFETCH(int, requests);
        m_net->handler = [devices](const FakeNetwork::Seen &s) {
            const qint64 skip = skipOf(s);
            return FakeAnswer::reply(
                200, page(skip, int(std::clamp<qint64>(devices - skip, 0, 3))));
        };
        MachineListCall *call = m_client->listMachines(compact(3));
        Received got;
        collect(call, &got);
        QSignalSpy pages(call, &MachineListCall::pageReceived);
        QVERIFY(waitFor(call));
        QVERIFY2(call->isOk(), qPrintable(call->error().displayText()));
        settle();
        QCOMPARE(got.sizes, sizes);
        QCOMPARE(ids(got.model), expectedIds(devices));
        QCOMPARE(got.model.machine(1).machineTags, QStringList {u"t1"_s});
        QCOMPARE(got.model.machine(1).osPlatform, u"Windows11"_s);
        QCOMPARE(call->receivedCount(), devices);
        QCOMPARE(pages.size(), 0); // batches instead of Machine values
        QCOMPARE(m_net->seen.size(), requests);
        for (qsizetype i = 0; i < m_net->seen.size(); ++i)
            QCOMPARE(skipOf(m_net->seen.at(i)), 3 * i);
    }

    void nextPageAskedBeforeDelivery()
    {
        // The page after a full one is requested while this one is still being delivered:
        // the receiver of the first batch sees the second request go out before it returns.
        m_net->handler = [](const FakeNetwork::Seen &s) {
            return skipOf(s) == 0 ? FakeAnswer::reply(200, page(0, 3)) : FakeAnswer::hanging();
        };
        MachineListCall *call = m_client->listMachines(compact(3));
        QSignalSpy finished(call, &ApiCall::finished);
        QSignalSpy batches(call, &MachineListCall::batchReceived);
        bool askedAhead = false;
        connect(call, &MachineListCall::batchReceived, this, [&] {
            askedAhead = QTest::qWaitFor([&] { return m_net->seen.size() == 2; }, 5000);
            call->abort(); // with the page asked ahead in flight
        });
        QVERIFY(waitFor(call));
        QVERIFY(askedAhead);
        QCOMPARE(skipOf(m_net->seen.at(1)), 3);
        settle();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(call->error().kind, ApiError::Kind::Cancelled);
        QCOMPARE(batches.size(), 1);
        QCOMPARE(m_net->seen.size(), 2); // nothing asked for after the abort
    }

    void nextLinkIsNotAskedAhead()
    {
        // The service's own link is followed only once the page is delivered.
        m_net->handler = [](const FakeNetwork::Seen &s) {
            const bool second = s.request.url().path().endsWith(u"/next");
            return FakeAnswer::reply(200,
                second ? page(3, 2) : page(0, 3, "https://api.example.test/api/machines/next"));
        };
        MachineListCall *call = m_client->listMachines(compact(3));
        Received got;
        collect(call, &got);
        QVERIFY(waitFor(call));
        QVERIFY2(call->isOk(), qPrintable(call->error().displayText()));
        QCOMPARE(got.sizes, (QList<int> {3, 2}));
        QCOMPARE(ids(got.model), expectedIds(5));
        QCOMPARE(m_net->seen.size(), 2);
    }

    void pagesAreParsedWhileQtsPoolIsBusy()
    {
        // Qt's raster engine paints large fills on QThreadPool::globalInstance() and waits for
        // them: pages are parsed on a pool of their own, so a listing goes on (and painting
        // would too) with every thread of the global pool held.
        QThreadPool *global = QThreadPool::globalInstance();
        const int threads = global->maxThreadCount();
        QSemaphore holding, release;
        for (int i = 0; i < threads; ++i) {
            global->start([&] {
                holding.release();
                release.acquire();
            });
        }
        const auto unblock = qScopeGuard([&] {
            release.release(threads);
            global->waitForDone();
        });
        QVERIFY(holding.tryAcquire(threads, 10000));
        QVERIFY(DefenderClient::parsePool() != global);

        m_net->handler = [](const FakeNetwork::Seen &s) {
            const qint64 skip = skipOf(s);
            return FakeAnswer::reply(200, page(skip, int(std::clamp<qint64>(5 - skip, 0, 3))));
        };
        MachineListCall *call = m_client->listMachines(compact(3));
        Received got;
        collect(call, &got);
        QVERIFY(waitFor(call));
        QVERIFY2(call->isOk(), qPrintable(call->error().displayText()));
        QCOMPARE(ids(got.model), expectedIds(5));
    }

    void errorOnThePageAskedAhead()
    {
        m_net->handler = [](const FakeNetwork::Seen &s) {
            return skipOf(s) == 0 ? FakeAnswer::reply(200, page(0, 3))
                                  : FakeAnswer::reply(200, "{\"value\":[{\"id\":1}]}");
        };
        MachineListCall *call = m_client->listMachines(compact(3));
        Received got;
        collect(call, &got);
        QVERIFY(waitFor(call));
        settle();
        QCOMPARE(call->error().kind, ApiError::Kind::Parse);
        QCOMPARE(got.sizes, (QList<int> {3})); // what came before the bad page is kept
        QCOMPARE(m_net->seen.size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestDefenderClientCompact)
#include "tst_defenderclientcompact.moc"
