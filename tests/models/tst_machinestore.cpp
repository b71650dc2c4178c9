// SPDX-License-Identifier: MIT
// MachineStore's folding (the ASCII fast path agrees with full Unicode case folding) and the
// original id and name kept when they differ from their folded form.
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
};

QTEST_GUILESS_MAIN(TestMachineStore)
#include "tst_machinestore.moc"
