// SPDX-License-Identifier: MIT
// MachineStore's folding (the ASCII fast path agrees with full Unicode case folding) and the
// original id and name kept when they differ from their folded form; the string pool, looked up
// by hash, keeps one index per text, through hash collisions, cut texts and merged batches.
#include "machinestore_p.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestMachineStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void foldMatchesUnicodeFolding_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("lower ascii") << u"wks-0001.contoso.local"_s;
        QTest::newRow("mixed ascii") << u"WKS-0001.Contoso.LOCAL @[]`{}~"_s;
        QTest::newRow("digits and symbols") << u"10.0.0.1 AZaz09-_/"_s;
        QTest::newRow("umlauts") << u"Müller-PC ÄÖÜ"_s;
        QTest::newRow("sharp s") << u"STRAßE"_s;
        QTest::newRow("kelvin sign") << u"\u212A-host"_s;
        QTest::newRow("dotted capital I") << u"\u0130STANBUL"_s;
        QTest::newRow("ascii then other") << u"ABCDEF\u00C9"_s;
    }
    void foldMatchesUnicodeFolding()
    {
        QFETCH(QString, text);
        QCOMPARE(MachineStore::fold(text), text.toCaseFolded().toUtf8());
    }

    void originalIdAndNameKept_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("name");
        QTest::newRow("already folded")
            << u"556b3952acb0bff29816d267822305781cc183ec"_s << u"wks-1.contoso.local"_s;
        QTest::newRow("upper case")
            << u"556B3952ACB0BFF29816D267822305781CC183EC"_s << u"WKS-1.Contoso.local"_s;
        QTest::newRow("non-ascii name")
            << u"556b3952acb0bff29816d267822305781cc183ed"_s << u"Straße-PC"_s;
        QTest::newRow("non-ascii folded name")
            << u"556b3952acb0bff29816d267822305781cc183ee"_s << u"müller-pc"_s;
    }
    void originalIdAndNameKept()
    {
        QFETCH(QString, id);
        QFETCH(QString, name);
        Machine m;
        m.id = id;
        m.computerDnsName = name;
        MachineStore store;
        bool isNew = false;
        const int row = store.upsert(m, &isNew);
        QVERIFY(isNew);
        QCOMPARE(store.id(row), id);
        QCOMPARE(store.name(row), name);
        QCOMPARE(store.find(id.toUpper()), row);
        QCOMPARE(QByteArray(store.foldedName(row).data(), store.foldedName(row).size()),
            name.toCaseFolded().toUtf8());
    }

    void poolKeepsOneIndexPerText()
    {
        StringPool pool;
        QCOMPARE(pool.intern(QString()), 0u);
        const quint32 a = pool.intern(u"Windows11"_s);
        const quint32 b = pool.intern(u"Linux"_s);
        QVERIFY(a != 0 && b != 0 && a != b);
        QCOMPARE(pool.intern(u"Windows11"_s), a);
        QCOMPARE(pool.intern(u"Linux"_s, MachineBatch::poolHash(u"Linux")), b);
        QCOMPARE(pool.at(a), u"Windows11"_s);
        QCOMPARE(pool.size(), 3u);
    }

    void poolSeparatesTextsWhoseHashesCollide()
    {
        // Every text hashed alike: each still gets its own index, and keeps it.
        StringPool pool;
        const QStringList texts
            = {u"10.8760.19045.1234"_s, u"10.8760.19045.1235"_s, u"101.24001.0007"_s, u"Active"_s};
        QList<quint32> indexes;
        for (const QString &text : texts)
            indexes.append(pool.intern(text, 42));
        for (int i = 0; i < texts.size(); ++i) {
            QCOMPARE(pool.intern(texts[i], 42), indexes[i]);
            QCOMPARE(pool.at(indexes[i]), texts[i]);
            QCOMPARE(indexes.count(indexes[i]), 1);
        }
        QCOMPARE(pool.size(), quint32(texts.size() + 1));
        pool.clear();
        QCOMPARE(pool.size(), 1u);
        QCOMPARE(pool.intern(texts[3], 42), 1u);
    }

    void poolCutsAbsurdTexts()
    {
        StringPool pool;
        const QString longText(StringPool::MaxChars + 10, u'x');
        const quint32 index = pool.intern(longText);
        QCOMPARE(pool.at(index).size(), StringPool::MaxChars);
        // The cut text and the whole one are the same entry, by either hash.
        QCOMPARE(pool.intern(longText.left(StringPool::MaxChars)), index);
        QCOMPARE(pool.intern(longText, MachineBatch::poolHash(longText)), index);
    }

    void batchesMergeTheSameWithOrWithoutTheirHashes()
    {
        // A batch brings its strings' hashes; one without (built by hand) is hashed on merge.
        const auto batch = [](int from) {
            MachineBatchBuilder builder;
            for (int i = from; i < from + 4; ++i) {
                Machine m;
                m.id = u"%1"_s.arg(i, 40, 10, QChar(u'0'));
                m.osPlatform = i % 2 ? u"Windows11"_s : u"Linux"_s;
                m.agentVersion = u"10.8760.%1"_s.arg(i);
                m.healthStatus = u"Active"_s;
                builder.add(m);
            }
            return builder.take();
        };
        MachineStore hashed, unhashed;
        for (int from : {0, 2, 10}) {
            MachineBatch withHashes = batch(from);
            QCOMPARE(withHashes.stringHashes.size(), size_t(withHashes.strings.size()));
            MachineBatch without = withHashes;
            without.stringHashes.clear();
            for (auto [store, b] : {std::pair {&hashed, &withHashes}, {&unhashed, &without}}) {
                const MachineStore::PoolMap map = store->importPools(*b);
                for (int i = 0; i < b->size(); ++i)
                    store->put(*b, map, i, store->findRow(*b, i));
            }
        }
        QCOMPARE(hashed.size(), 10); // ids 0-5 and 10-13
        QCOMPARE(hashed.strings().size(), unhashed.strings().size());
        for (quint32 i = 0; i < hashed.strings().size(); ++i)
            QCOMPARE(hashed.strings().at(i), unhashed.strings().at(i));
        // Each text once: two platforms, one health, ten agent versions and the empty one.
        QCOMPARE(hashed.strings().size(), 14u);
    }
};

QTEST_GUILESS_MAIN(TestMachineStore)
#include "tst_machinestore.moc"
