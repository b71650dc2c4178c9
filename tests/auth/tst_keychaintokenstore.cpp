// SPDX-License-Identifier: MIT
// Runs against the real Secret Service: start it with
//   dbus-run-session -- bash scripts/with-keyring ctest -R tst_keychain
#include "keychaintokenstore.h"

#include <QCoreApplication>
#include <QProcess>
#include <QTest>
#include <QUuid>

#include <cstdio>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace {
using Answer = std::shared_ptr<std::optional<TokenStoreResult>>;
// Starts one store operation; the answer lands in the returned slot.
Answer start(const std::function<void(TokenStore::Callback)> &op)
{
    auto answer = std::make_shared<std::optional<TokenStoreResult>>();
    op([answer](const TokenStoreResult &r) { *answer = r; });
    return answer;
}

// Child mode: one read with whatever D-Bus environment the parent gave; prints the status.
int runChild()
{
    KeychainTokenStore store(u"mde-offboard-test"_s);
    QObject context;
    int status = -1;
    store.read(u"probe"_s, &context, [&status](const TokenStoreResult &r) {
        status = static_cast<int>(r.status);
        std::printf("%d\n%s\n", status, qPrintable(r.message));
        QCoreApplication::exit(0);
    });
    QCoreApplication::exec();
    return status >= 0 ? 0 : 1;
}

const char childVariable[] = "MDE_KEYCHAIN_TEST_CHILD";
} // namespace

class TestKeychainTokenStore final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writeReadDelete();
    void missingBackend();

private:
    KeychainTokenStore m_store {u"mde-offboard-test"_s};
    QObject m_context;
};

void TestKeychainTokenStore::writeReadDelete()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QSKIP("No D-Bus session: run under dbus-run-session -- bash scripts/with-keyring");
    const QString key = TokenStore::makeKey(
        Cloud::Commercial, u"contoso.example"_s, u"aaaa"_s, QUuid::createUuid().toString());
    const QString secret = u"refresh-\u00e9+/=token"_s;

    Answer r = start([&](TokenStore::Callback cb) { m_store.read(key, &m_context, cb); });
    QTRY_VERIFY_WITH_TIMEOUT(r->has_value(), 20000);
    QCOMPARE((*r)->status, TokenStoreResult::Status::NotFound); // "signed out"

    r = start([&](TokenStore::Callback cb) { m_store.write(key, secret, &m_context, cb); });
    QTRY_VERIFY_WITH_TIMEOUT(r->has_value(), 20000);
    QVERIFY2((*r)->isOk(), qPrintable((*r)->message));

    r = start([&](TokenStore::Callback cb) { m_store.read(key, &m_context, cb); });
    QTRY_VERIFY_WITH_TIMEOUT(r->has_value(), 20000);
    QVERIFY2((*r)->isOk(), qPrintable((*r)->message));
    QCOMPARE((*r)->secret, secret);

    // A fresh store object (a new run) finds it too.
    KeychainTokenStore other(u"mde-offboard-test"_s);
    r = start([&](TokenStore::Callback cb) { other.read(key, &m_context, cb); });
    QTRY_VERIFY_WITH_TIMEOUT(r->has_value(), 20000);
    QCOMPARE((*r)->secret, secret);

    r = start([&](TokenStore::Callback cb) { m_store.remove(key, &m_context, cb); });
    QTRY_VERIFY_WITH_TIMEOUT(r->has_value(), 20000);
    QVERIFY2((*r)->isOk(), qPrintable((*r)->message));

    r = start([&](TokenStore::Callback cb) { m_store.read(key, &m_context, cb); });
    QTRY_VERIFY_WITH_TIMEOUT(r->has_value(), 20000);
    QCOMPARE((*r)->status, TokenStoreResult::Status::NotFound);
    QVERIFY((*r)->secret.isEmpty());
}

void TestKeychainTokenStore::missingBackend()
{
    // A child process whose session bus address leads nowhere: no Secret Service.
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(childVariable), u"1"_s);
    env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/mde-test-bus"_s);
    env.remove(u"DISPLAY"_s);
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(child.waitForFinished(60000));
    QCOMPARE(child.exitCode(), 0);
    const QStringList lines = QString::fromUtf8(child.readAllStandardOutput()).split(u'\n');
    QVERIFY(lines.size() >= 2);
    QCOMPARE(lines.at(0).toInt(), int(TokenStoreResult::Status::NoBackend));
    QVERIFY2(lines.at(1).contains(u"keychain"_s), qPrintable(lines.at(1)));
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet(childVariable))
        return runChild();
    TestKeychainTokenStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_keychaintokenstore.moc"
