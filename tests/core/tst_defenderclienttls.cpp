// SPDX-License-Identifier: MIT
// DefenderClient over https to the simulator with a throwaway certificate made by openssl.
#include "clienttestutil.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Kind = ApiError::Kind;

class TestDefenderClientTls : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_cert;
    QString m_key;
    std::unique_ptr<Simulator> m_sim;
    QNetworkAccessManager m_network;
    std::unique_ptr<StaticTokenProvider> m_tokens;

private Q_SLOTS:
    void initTestCase()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("No TLS backend");
        const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
        if (openssl.isEmpty())
            QSKIP("openssl not found");
        QVERIFY(m_dir.isValid());
        m_cert = m_dir.filePath(u"cert.pem"_s);
        m_key = m_dir.filePath(u"key.pem"_s);
        QProcess p;
        p.start(openssl,
            {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s, m_key,
                u"-out"_s, m_cert, u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=127.0.0.1"_s, u"-addext"_s,
                u"subjectAltName=IP:127.0.0.1"_s});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);

        SimulatorOptions options;
        options.devices = 12;
        options.logRequests = false;
        options.tlsCertFile = m_cert;
        options.tlsKeyFile = m_key;
        m_sim = std::make_unique<Simulator>(options);
        QString error;
        QVERIFY2(m_sim->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
        QCOMPARE(m_sim->baseUrl().scheme(), u"https"_s);
        m_tokens = std::make_unique<StaticTokenProvider>(
            m_sim->issueAppToken({u"Machine.Read.All"_s, u"Machine.Offboard"_s}));
    }
    void cleanupTestCase() { m_sim.reset(); }

    void trustedWithExtraCa()
    {
        QFile file(m_cert);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QSslCertificate> certs = QSslCertificate::fromData(file.readAll());
        QCOMPARE(certs.size(), 1);
        DefenderClient client(&m_network, m_tokens.get());
        QVERIFY(client.setApiBase(m_sim->baseUrl()));
        client.setExtraCaCertificates(certs);
        MachineListCall *call = client.listMachines({{}, 5});
        QVERIFY(waitFor(call));
        QVERIFY2(call->isOk(), qPrintable(call->error().displayText()));
        QCOMPARE(call->receivedCount(), 12);

        // A POST over TLS with the one-shot body (see DefenderClient::transmit).
        QString id;
        for (int i = 0; i < m_sim->deviceCount() && id.isEmpty(); ++i) {
            if (m_sim->machineJson(i).value(u"osPlatform").toString() == u"Windows11")
                id = m_sim->machineJson(i).value(u"id").toString();
        }
        QVERIFY(!id.isEmpty());
        ActionCall *offboard = client.offboard(id, u"tls"_s);
        QVERIFY(waitFor(offboard));
        if (offboard->error().code != u"ActiveRequestAlreadyExists") {
            QVERIFY2(offboard->isOk(), qPrintable(offboard->error().displayText()));
            QCOMPARE(offboard->action().requestorComment, u"tls"_s);
        }
        QVERIFY(m_sim->offboardRequestCount(id) >= 1);
    }

    void untrustedIsTlsError()
    {
        QNetworkAccessManager fresh; // no cached connection from the trusted test
        DefenderClient client(&fresh, m_tokens.get());
        QVERIFY(client.setApiBase(m_sim->baseUrl()));
        const int before = int(m_sim->requestLog().size());
        MachineListCall *call = client.listMachines();
        QVERIFY(waitFor(call));
        QCOMPARE(call->error().kind, Kind::Tls);
        QVERIFY(!call->error().isTransient());
        QCOMPARE(int(m_sim->requestLog().size()), before); // the token never left
    }
};

QTEST_GUILESS_MAIN(TestDefenderClientTls)
#include "tst_defenderclienttls.moc"
