// SPDX-License-Identifier: MIT
#include "benchsupport.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Bench {

namespace {

// Waits for a reply with a bounded local loop (the benchmark is a tool, not the app).
QByteArray waitFor(QNetworkReply *reply, int *status)
{
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    if (status)
        *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    return body;
}

QNetworkAccessManager &network()
{
    static QNetworkAccessManager manager;
    return manager;
}

} // namespace

SimProcess::~SimProcess()
{
    if (m_process) {
        m_process->terminate();
        if (!m_process->waitForFinished(3000))
            m_process->kill();
        m_process->waitForFinished(3000);
    }
}

bool SimProcess::start(const QStringList &arguments, QString *error)
{
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->setStandardErrorFile(QProcess::nullDevice());
    m_process->start(QString::fromUtf8(MDE_SIM_PATH),
        QStringList {u"--port"_s, u"0"_s, u"--quiet"_s} + arguments);
    QDeadlineTimer deadline(60000);
    while (!m_process->canReadLine() && !deadline.hasExpired()) {
        if (!m_process->waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())))
            && m_process->state() != QProcess::Running)
            break;
    }
    const QString first = QString::fromUtf8(m_process->readLine()).trimmed();
    const QString prefix = u"mde-sim listening on "_s;
    if (!first.startsWith(prefix)) {
        *error = u"mde-sim did not start: "_s + first;
        return false;
    }
    m_url = QUrl(first.mid(prefix.size()));
    // Keep draining its stdout so it never blocks on a full pipe.
    QObject::connect(m_process.get(), &QProcess::readyReadStandardOutput, m_process.get(),
        [p = m_process.get()] { p->readAllStandardOutput(); });
    return true;
}

QString SimProcess::appToken()
{
    if (!m_token.isEmpty())
        return m_token;
    QUrl url = m_url;
    url.setPath(u"/%1/oauth2/v2.0/token"_s.arg(QLatin1String(Tenant)));
    QUrlQuery form;
    form.addQueryItem(u"grant_type"_s, u"client_credentials"_s);
    form.addQueryItem(u"client_id"_s, QLatin1String(AppClientId));
    form.addQueryItem(u"client_secret"_s, QLatin1String(AppSecret));
    form.addQueryItem(u"scope"_s, u"https://api.securitycenter.microsoft.com/.default"_s);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded"_ba);
    const QByteArray body
        = waitFor(network().post(request, form.toString(QUrl::FullyEncoded).toUtf8()), nullptr);
    m_token = QJsonDocument::fromJson(body).object().value(u"access_token"_s).toString();
    return m_token;
}

QByteArray SimProcess::get(const QString &pathAndQuery, int *status)
{
    QUrl url = m_url.resolved(QUrl(pathAndQuery));
    QNetworkRequest request(url);
    if (!pathAndQuery.startsWith(u"/admin"_s))
        request.setRawHeader("Authorization", "Bearer " + appToken().toUtf8());
    return waitFor(network().get(request), status);
}

QJsonObject SimProcess::getJson(const QString &pathAndQuery)
{
    return QJsonDocument::fromJson(get(pathAndQuery)).object();
}

double median(QList<double> values)
{
    return percentile(std::move(values), 0.5);
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype index
        = qBound<qsizetype>(0, qsizetype(p * double(values.size() - 1) + 0.5), values.size() - 1);
    return values.at(index);
}

qint64 residentBytes()
{
    QFile statm(u"/proc/self/statm"_s);
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() * sysconf(_SC_PAGESIZE) : 0;
}

QByteArray runPython(const QByteArray &script, const QStringList &environment, QString *error)
{
    QProcess python;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &entry : environment)
        env.insert(entry.section(u'=', 0, 0), entry.section(u'=', 1));
    python.setProcessEnvironment(env);
    python.start(u"python3"_s, {u"-"_s});
    python.write(script);
    python.closeWriteChannel();
    if (!python.waitForFinished(600000) || python.exitCode() != 0) {
        *error = QString::fromUtf8(python.readAllStandardError());
        return {};
    }
    return python.readAllStandardOutput();
}

} // namespace Bench
