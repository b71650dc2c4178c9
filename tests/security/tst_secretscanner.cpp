// SPDX-License-Identifier: MIT
// The scanner behind tst_secretscan is not blind: every encoded form of a secret, buried in a
// binary file of a nested folder or in a log line, is found, and findings never show the value.
#include "secretscan.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SecretScan;

class TestSecretScanner final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void scannerFindsEncodedForms_data();
    void scannerFindsEncodedForms();
    void jwtSignatureAlone();
};

// The scanner is not blind: each encoded form, buried in a binary file or a log line, is found.
void TestSecretScanner::scannerFindsEncodedForms_data()
{
    QTest::addColumn<QByteArray>("form");
    QTest::addColumn<QString>("label");
    const QByteArray secret = "0.AXoA~refresh/token+value=?>>>";
    const QString text = QString::fromLatin1(secret);
    QTest::newRow("raw") << secret << u"raw"_s;
    QTest::newRow("percent") << QUrl::toPercentEncoding(text) << u"percent-encoded"_s;
    QTest::newRow("base64") << secret.toBase64() << u"base64"_s;
    QTest::newRow("base64url") << secret.toBase64(QByteArray::Base64UrlEncoding) << u"base64url"_s;
    QTest::newRow("utf-16") << QByteArray(reinterpret_cast<const char *>(text.utf16()),
        text.size() * 2) << u"UTF-16"_s;
}

void TestSecretScanner::scannerFindsEncodedForms()
{
    QFETCH(QByteArray, form);
    QFETCH(QString, label);
    Secrets secrets;
    secrets[u"refresh_token"_s].insert("0.AXoA~refresh/token+value=?>>>");
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    QFile file(folder.filePath(u"sub/.hidden-wal"_s));
    QVERIFY(QDir(folder.path()).mkpath(u"sub"_s) && file.open(QIODevice::WriteOnly));
    file.write(QByteArray("\0\x01SQLite") + form + QByteArray(3, '\0'));
    file.close();
    ScanResult result = scan(secrets, {folder.path()}, {}, {});
    QCOMPARE(result.files, 1);
    QCOMPARE(result.walFiles, 1);
    QCOMPARE(result.findings.size(), 1);
    QCOMPARE(result.findings.first().kind, u"refresh_token (%1)"_s.arg(label));
    QVERIFY(!result.describe().contains(u"refresh/token"_s)); // findings never show the value
    if (label == u"UTF-16"_s)
        return; // no log line is UTF-16
    result = scan(secrets, {}, {u"mde.api: "_s + QString::fromLatin1(form)}, {});
    QCOMPARE(result.findings.size(), 1);
    QCOMPARE(result.findings.first().place, u"captured Qt log"_s);
}

void TestSecretScanner::jwtSignatureAlone()
{
    const QByteArray jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg";
    Secrets secrets;
    secrets[u"access_token"_s].insert(jwt);
    const ScanResult result
        = scan(secrets, {}, {u"signature=c2lnbmF0dXJlLW9mLXRoZS10b2tlbg"_s}, {});
    QCOMPARE(result.findings.size(), 1);
    QCOMPARE(result.findings.first().kind, u"access_token (JWT signature)"_s);
    QVERIFY(scan(secrets, {}, {u"eyJhbGciOiJIUzI1NiJ9 header only"_s}, {}).findings.isEmpty());
}

QTEST_GUILESS_MAIN(TestSecretScanner)
#include "tst_secretscanner.moc"
