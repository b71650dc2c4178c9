// SPDX-License-Identifier: MIT
// Fault suite, transport family: an untrusted TLS certificate and a redirect to plain http.
// Neither is followed or retried; both are clear errors; nothing is offboarded.
#include "faultfixture.h"

#include <QProcess>
#include <QSslSocket>
#include <QStandardPaths>

using namespace Qt::StringLiterals;
using State = BulkOffboard::DeviceState;
using Kind = ApiError::Kind;

class TestFaultTransport : public QObject
{
    Q_OBJECT
    FaultFixture m_f;
    QTemporaryDir m_certDir;

private Q_SLOTS:
    void cleanup() { m_f.reset(); }

    void untrustedCertificate()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("No TLS backend");
        const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
        if (openssl.isEmpty())
            QSKIP("openssl not found");
        SimulatorOptions options;
        options.tlsCertFile = m_certDir.filePath(u"cert.pem"_s);
        options.tlsKeyFile = m_certDir.filePath(u"key.pem"_s);
        QProcess p;
        p.start(openssl,
            {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s,
                options.tlsKeyFile, u"-out"_s, options.tlsCertFile, u"-days"_s, u"2"_s, u"-subj"_s,
                u"/CN=127.0.0.1"_s, u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(m_f.setUp(options)); // the client does not trust the certificate
        QCOMPARE(m_f.sim->baseUrl().scheme(), u"https"_s);

        MachineListCall *list = m_f.client->listMachines();
        QSignalSpy done(list, &ApiCall::finished);
        QVERIFY(done.wait(20000));
        QCOMPARE(list->error().kind, Kind::Tls);
        QCOMPARE(list->attempts(), 1); // not transient: not tried again
        QVERIFY(list->error().displayText().contains(u"not trusted"_s));

        auto batch = m_f.offboard(m_f.eligibleTargets(2));
        QVERIFY(batch);
        QVERIFY(auditCompleteAndNoDuplicate(m_f, *batch));
        QCOMPARE(batch->countIn(State::Failed), 2);
        QVERIFY(m_f.sim->requestLog().isEmpty()); // nothing got past the handshake
    }

    void redirectToPlainHttp()
    {
        QVERIFY(m_f.setUp());
        m_f.sim->addFault(FaultSpec::fromJson({{u"endpoint"_s, u"*"_s}, {u"redirectToHttp"_s, 3}}));
        MachineListCall *list = m_f.client->listMachines();
        QSignalSpy done(list, &ApiCall::finished);
        QVERIFY(done.wait(20000));
        QCOMPARE(list->error().httpStatus, 307);
        QVERIFY(list->error().displayText().contains(u"redirects are not followed"_s));
        QCOMPARE(m_f.sim->requestLog().size(), 1); // neither followed nor retried

        auto batch = m_f.offboard(m_f.eligibleTargets(2));
        QVERIFY(batch);
        QVERIFY(auditCompleteAndNoDuplicate(m_f, *batch));
        QCOMPARE(batch->countIn(State::Failed), 2);
        QCOMPARE(m_f.requests(u"offboard"_s), 2);
        for (const auto &r : batch->results()) {
            QCOMPARE(r.error.httpStatus, 307);
            QCOMPARE(m_f.sim->offboardRequestCount(r.target.machineId), 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestFaultTransport)
#include "tst_faulttransport.moc"
