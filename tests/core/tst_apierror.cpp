// SPDX-License-Identifier: MIT
#include "apierror.h"

#include <QDateTime>
#include <QLocale>
#include <QTest>

using namespace Qt::StringLiterals;

using Kind = ApiError::Kind;
using NE = QNetworkReply::NetworkError;

namespace {
QByteArray serviceError(const char *code, const char *message)
{
    return QByteArray(R"({"error":{"code":")") + code + R"(","message":")" + message
        + R"(","target":"|abc.123"}})";
}
} // namespace

class TestApiError : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mapping_data()
    {
        QTest::addColumn<NE>("networkError");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("timedOut");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("code");
        QTest::addColumn<bool>("transient");

        const QByteArray none;
        QTest::newRow("200") << NE::NoError << 200 << false << none << Kind::None << QString()
                             << false;
        QTest::newRow("201") << NE::NoError << 201 << false << none << Kind::None << QString()
                             << false;
        QTest::newRow("refused") << NE::ConnectionRefusedError << 0 << false << none
                                 << Kind::Network << QString() << true;
        QTest::newRow("host not found")
            << NE::HostNotFoundError << 0 << false << none << Kind::Network << QString() << true;
        QTest::newRow("remote closed") << NE::RemoteHostClosedError << 0 << false << none
                                       << Kind::Network << QString() << true;
        QTest::newRow("truncated 200") << NE::RemoteHostClosedError << 200 << false << none
                                       << Kind::Network << QString() << true;
        QTest::newRow("temporary") << NE::TemporaryNetworkFailureError << 0 << false << none
                                   << Kind::Network << QString() << true;
        QTest::newRow("unknown net")
            << NE::UnknownNetworkError << 0 << false << none << Kind::Network << QString() << true;
        QTest::newRow("proxy") << NE::ProxyConnectionRefusedError << 0 << false << none
                               << Kind::Network << QString() << true;
        QTest::newRow("tls") << NE::SslHandshakeFailedError << 0 << false << none << Kind::Tls
                             << QString() << false;
        QTest::newRow("timed out, cancel") << NE::OperationCanceledError << 0 << true << none
                                           << Kind::Timeout << QString() << true;
        QTest::newRow("timed out, other")
            << NE::UnknownNetworkError << 0 << true << none << Kind::Timeout << QString() << true;
        QTest::newRow("qt timeout")
            << NE::TimeoutError << 0 << false << none << Kind::Timeout << QString() << true;
        QTest::newRow("cancelled") << NE::OperationCanceledError << 0 << false << none
                                   << Kind::Cancelled << QString() << false;
        QTest::newRow("redirect") << NE::NoError << 307 << false << none << Kind::Http << QString()
                                  << false;
        // A POST's redirect: Qt adds an error, but it is an answer, not a lost connection.
        QTest::newRow("redirect with error")
            << NE::ProtocolUnknownError << 307 << false << none << Kind::Http << QString() << false;
        QTest::newRow("400 pending")
            << NE::ProtocolInvalidOperationError << 400 << false
            << serviceError("ActiveRequestAlreadyExists", "Action is already in progress")
            << Kind::Http << u"ActiveRequestAlreadyExists"_s << false;
        QTest::newRow("401") << NE::AuthenticationRequiredError << 401 << false
                             << serviceError("Unauthorized", "Unauthorized") << Kind::Http
                             << u"Unauthorized"_s << false;
        QTest::newRow("403") << NE::ContentAccessDenied << 403 << false
                             << serviceError("Forbidden", "Missing application roles.")
                             << Kind::Http << u"Forbidden"_s << false;
        QTest::newRow("404") << NE::ContentNotFoundError << 404 << false
                             << serviceError("ResourceNotFound", "Machine not found") << Kind::Http
                             << u"ResourceNotFound"_s << false;
        QTest::newRow("429") << NE::UnknownContentError << 429 << false
                             << serviceError("TooManyRequests", "Slow down") << Kind::Http
                             << u"TooManyRequests"_s << true;
        QTest::newRow("500") << NE::InternalServerError << 500 << false
                             << serviceError("InternalServerError", "Oops") << Kind::Http
                             << u"InternalServerError"_s << true;
        QTest::newRow("502 html") << NE::UnknownServerError << 502 << false
                                  << QByteArray("<html><body><h1>502 Bad Gateway</h1></body>")
                                  << Kind::Http << QString() << true;
        QTest::newRow("503 empty") << NE::ServiceUnavailableError << 503 << false << none
                                   << Kind::Http << QString() << true;
    }
    void mapping()
    {
        QFETCH(NE, networkError);
        QFETCH(int, status);
        QFETCH(bool, timedOut);
        QFETCH(QByteArray, body);
        QFETCH(Kind, kind);
        QFETCH(QString, code);
        QFETCH(bool, transient);
        const ApiError e = mapError(networkError, status, timedOut, body);
        QCOMPARE(e.kind, kind);
        QCOMPARE(e.code, code);
        QCOMPARE(e.isTransient(), transient);
        QCOMPARE(e.isError(), kind != Kind::None);
        if (e.isError())
            QVERIFY(!e.message.isEmpty());
        if (kind == Kind::Http)
            QCOMPARE(e.httpStatus, status);
        QVERIFY2(!e.message.contains(u"<html"), qPrintable(e.message));
    }

    void serviceJsonFields()
    {
        const ApiError e = mapError(NE::ContentAccessDenied, 403, false,
            serviceError("Forbidden", "Missing application roles."));
        QCOMPARE(e.message, u"Missing application roles."_s);
        QCOMPARE(e.target, u"|abc.123"_s);
        QCOMPARE(e.displayText(),
            u"Missing application roles. (Forbidden, HTTP 403, correlation id |abc.123)"_s);
    }

    void nonServiceBodies()
    {
        const ApiError html = mapError(NE::UnknownServerError, 502, false,
            "\n  <!DOCTYPE html><html><title>Bad gateway</title>");
        QCOMPARE(html.message,
            u"The service answered 502 Bad Gateway with a page that is not "
            "the service's, often a proxy error page."_s);
        const ApiError empty = mapError(NE::UnknownServerError, 502, false, {});
        QCOMPARE(empty.message, u"The service answered 502 Bad Gateway with an empty body."_s);
        const ApiError text = mapError(NE::UnknownServerError, 500, false, "oops");
        QVERIFY(text.message.contains(u"500 Internal Server Error"));
        QVERIFY(!text.message.contains(u"oops"));
        const ApiError otherJson = mapError(NE::UnknownServerError, 500, false, R"({"a":1})");
        QVERIFY(otherJson.message.contains(u"500"));
        QCOMPARE(empty.displayText(), empty.message + u" (HTTP 502)"_s);
    }

    void shortBodyIsALostConnection_data()
    {
        QTest::addColumn<int>("error");
        QTest::addColumn<int>("received");
        QTest::addColumn<QByteArray>("length");
        QTest::addColumn<QByteArray>("encoding");
        QTest::addColumn<int>("expected");
        const int ok = NE::NoError, closed = NE::RemoteHostClosedError;
        QTest::newRow("whole") << ok << 120 << QByteArray("120") << QByteArray() << ok;
        QTest::newRow("half") << ok << 60 << QByteArray("120") << QByteArray() << closed;
        QTest::newRow("nothing") << ok << 0 << QByteArray(" 120 ") << QByteArray() << closed;
        QTest::newRow("identity") << ok << 60 << QByteArray("120") << QByteArray("identity")
                                  << closed;
        QTest::newRow("no length") << ok << 60 << QByteArray() << QByteArray() << ok;
        QTest::newRow("bad length") << ok << 60 << QByteArray("lots") << QByteArray() << ok;
        QTest::newRow("decoded gzip") << ok << 20 << QByteArray("40") << QByteArray("gzip") << ok;
        QTest::newRow("already an error") << int(NE::TimeoutError) << 60 << QByteArray("120")
                                          << QByteArray() << int(NE::TimeoutError);
    }
    void shortBodyIsALostConnection()
    {
        QFETCH(int, error);
        QFETCH(int, received);
        QFETCH(QByteArray, length);
        QFETCH(QByteArray, encoding);
        QFETCH(int, expected);
        const NE got = transferError(NE(error), received, length, encoding);
        QCOMPARE(int(got), expected);
        if (got == NE::RemoteHostClosedError) {
            // A cut 200 is a transient network error, never a parse error.
            const ApiError e = mapError(got, 200, false, "{\"value\":[");
            QCOMPARE(e.kind, ApiError::Kind::Network);
            QVERIFY(e.isTransient());
        }
    }

    void retryAfter_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<int>("lowest");
        QTest::addColumn<int>("highest");
        QTest::newRow("none") << QByteArray() << -1 << -1;
        QTest::newRow("seconds") << QByteArray("30") << 30 << 30;
        QTest::newRow("spaces") << QByteArray(" 7 ") << 7 << 7;
        QTest::newRow("garbage") << QByteArray("soon") << -1 << -1;
        QTest::newRow("negative") << QByteArray("-5") << -1 << -1;
        const QDateTime future = QDateTime::currentDateTimeUtc().addSecs(120);
        QTest::newRow("date")
            << QLocale::c().toString(future, u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s).toLatin1() << 100
            << 120;
        QTest::newRow("past date") << QByteArray("Wed, 21 Oct 2015 07:28:00 GMT") << 0 << 0;
    }
    void retryAfter()
    {
        QFETCH(QByteArray, header);
        QFETCH(int, lowest);
        QFETCH(int, highest);
        const ApiError e = mapError(
            NE::UnknownContentError, 429, false, serviceError("TooManyRequests", "x"), header);
        QVERIFY2(e.retryAfterSeconds >= lowest && e.retryAfterSeconds <= highest,
            qPrintable(QString::number(e.retryAfterSeconds)));
    }

    void forbidden_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("permission");
        QTest::newRow("roles")
            << 403 << u"Missing application roles. API required roles: Machine.Offboard"_s
            << u"Machine.Offboard"_s;
        QTest::newRow("permissions, two")
            << 403 << u"required permissions: Machine.Read.All or Machine.ReadWrite.All."_s
            << u"Machine.Read.All or Machine.ReadWrite.All"_s;
        QTest::newRow("scopes") << 403 << u"Required scopes = Machine.Read"_s << u"Machine.Read"_s;
        QTest::newRow("not named") << 403 << u"Access is denied"_s << u"Fallback.Perm"_s;
        QTest::newRow("no message") << 403 << QString() << u"Fallback.Perm"_s;
        QTest::newRow("not a 403") << 401 << u"API required roles: X"_s << QString();
    }
    void forbidden()
    {
        QFETCH(int, status);
        QFETCH(QString, message);
        QFETCH(QString, permission);
        ApiError in;
        in.kind = Kind::Http;
        in.httpStatus = status;
        in.code = u"Forbidden"_s;
        in.message = message;
        in.target = u"|abc.1"_s;
        const ApiError out = explainForbidden(in, u"Fallback.Perm"_s);
        QCOMPARE(out.permission, permission);
        QCOMPARE(out.target, in.target);
        QCOMPARE(out.code, in.code);
        QVERIFY(out.message.contains(message));
        if (!permission.isEmpty())
            QVERIFY(out.message.contains(permission));
        else
            QCOMPARE(out.message, message);
    }

    void displayTextParts()
    {
        ApiError e;
        e.kind = Kind::Network;
        e.message = u"The service refused the connection."_s;
        QCOMPARE(e.displayText(), e.message);
        QVERIFY(ApiError::invalidInput(u"x"_s).kind == Kind::InvalidInput);
        QVERIFY(!ApiError::invalidInput(u"x"_s).isTransient());
    }
};

QTEST_GUILESS_MAIN(TestApiError)
#include "tst_apierror.moc"
