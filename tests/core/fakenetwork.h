// SPDX-License-Identifier: MIT
#pragma once

// A QNetworkAccessManager that answers from a handler instead of the network, for the faults the
// simulator cannot produce precisely (a reply that never ends, a foreign next-page link).

#include <QBuffer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QTimer>

#include <functional>

struct FakeAnswer
{
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    bool hang = false; // never finishes unless aborted

    static FakeAnswer reply(int status, const QByteArray &body,
        const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        FakeAnswer a;
        a.status = status;
        a.body = body;
        a.headers = headers;
        return a;
    }
    static FakeAnswer failure(QNetworkReply::NetworkError error)
    {
        FakeAnswer a;
        a.status = 0;
        a.error = error;
        return a;
    }
    static FakeAnswer hanging()
    {
        FakeAnswer a;
        a.hang = true;
        return a;
    }
};

class FakeReply final : public QNetworkReply
{
public:
    FakeReply(QObject *parent, QNetworkAccessManager::Operation op, const QNetworkRequest &request,
        const FakeAnswer &a)
        : QNetworkReply(parent)
        , m_data(a.body)
    {
        setRequest(request);
        setUrl(request.url());
        setOperation(op);
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        if (a.hang)
            return;
        QTimer::singleShot(0, this, [this, a] {
            if (isFinished())
                return;
            if (a.status > 0)
                setAttribute(QNetworkRequest::HttpStatusCodeAttribute, a.status);
            for (const auto &[name, value] : a.headers)
                setRawHeader(name, value);
            if (a.error != NoError)
                setError(a.error, QStringLiteral("fake error"));
            Q_EMIT metaDataChanged();
            Q_EMIT readyRead();
            setFinished(true);
            if (a.error != NoError)
                Q_EMIT errorOccurred(a.error);
            Q_EMIT finished();
        });
    }
    bool wasAborted() const { return m_aborted; }
    void abort() override
    {
        if (isFinished())
            return;
        m_aborted = true;
        setError(OperationCanceledError, QStringLiteral("aborted"));
        setFinished(true);
        Q_EMIT errorOccurred(OperationCanceledError);
        Q_EMIT finished();
    }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override
    {
        return m_data.size() - m_pos + QNetworkReply::bytesAvailable();
    }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = qMin<qint64>(maxSize, m_data.size() - m_pos);
        if (n <= 0)
            return isFinished() ? -1 : 0;
        memcpy(data, m_data.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }

private:
    QByteArray m_data;
    qint64 m_pos = 0;
    bool m_aborted = false;
};

class FakeNetwork final : public QNetworkAccessManager
{
public:
    struct Seen
    {
        QByteArray verb;
        QNetworkRequest request;
        QByteArray body;
        QPointer<FakeReply> reply;
        bool aborted = false;
    };
    std::function<FakeAnswer(const Seen &)> handler = [](const Seen &) { return FakeAnswer(); };
    QList<Seen> seen;

    bool replyAborted(int index) const
    {
        const Seen &s = seen.at(index);
        return s.reply ? s.reply->wasAborted() : s.aborted;
    }

protected:
    QNetworkReply *createRequest(
        Operation op, const QNetworkRequest &request, QIODevice *outgoingData) override
    {
        Seen s;
        s.verb = op == PostOperation ? QByteArrayLiteral("POST") : QByteArrayLiteral("GET");
        s.request = request;
        if (outgoingData)
            s.body = outgoingData->readAll();
        auto *reply = new FakeReply(this, op, request, handler(s));
        s.reply = reply;
        const qsizetype index = seen.size();
        seen.append(s);
        // Remember an abort even after the reply is deleted.
        connect(reply, &QNetworkReply::finished, this,
            [this, index, reply] { seen[index].aborted = reply->wasAborted(); });
        return reply;
    }
};
