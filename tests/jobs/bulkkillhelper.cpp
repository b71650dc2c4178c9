// SPDX-License-Identifier: MIT
// The child of tst_bulkkill: runs one BulkOffboard against the mde-sim executable with an audit
// log until the test kills it (SIGKILL). Arguments: API base URL, audit log path, targets file
// (one "machineId<TAB>name" per line). Prints "started <batch id>" once the batch is planned.
#include "accesstokenprovider.h"
#include "auditlog.h"
#include "bulkoffboard.h"
#include "defenderclient.h"
#include "killtest.h"
#include "ratebudget.h"

#include <QCoreApplication>
#include <QFile>
#include <QNetworkProxy>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 4) {
        std::fprintf(stderr, "usage: bulkkill_helper API_URL AUDIT_PATH TARGETS_FILE\n");
        return 2;
    }
    const QUrl base(args.at(1));
    QFile file(args.at(3));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return 2;
    QList<OffboardTarget> targets;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        const QList<QByteArray> parts = line.trimmed().split('\t');
        if (parts.size() == 2)
            targets.append({QString::fromUtf8(parts.at(0)), QString::fromUtf8(parts.at(1))});
    }

    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    const QString token = KillTest::fetchAppToken(network, base);
    if (token.isEmpty()) {
        std::fprintf(stderr, "bulkkill_helper: no token\n");
        return 3;
    }
    StaticTokenProvider tokens(token);
    DefenderClient client(&network, &tokens);
    QString error;
    if (!client.setApiBase(base, &error))
        return 3;
    RateBudget::Limits limits;
    limits.perMinute = KillTest::PerMinute;
    limits.minuteWindowMs = KillTest::MinuteWindowMs;
    RateBudget budget(limits);
    AuditLog audit;
    if (!audit.open(args.at(2))) {
        std::fprintf(stderr, "bulkkill_helper: %s\n", qPrintable(audit.errorString()));
        return 4;
    }
    BulkOffboard batch(&client, &budget, &audit);
    QObject::connect(&batch, &BulkOffboard::finished, &app, &QCoreApplication::quit);
    if (!batch.start(targets, KillTest::Comment, u"kill-test"_s, &error)) {
        std::fprintf(stderr, "bulkkill_helper: %s\n", qPrintable(error));
        return 5;
    }
    std::printf("started %s\n", qPrintable(batch.batchId()));
    std::fflush(stdout);
    return QCoreApplication::exec();
}
