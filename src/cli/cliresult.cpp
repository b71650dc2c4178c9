// SPDX-License-Identifier: MIT
#include "cliresult.h"

#include "apierror.h"
#include "output.h"

using namespace Qt::StringLiterals;

namespace {
QJsonValue text(const QString &value)
{
    return value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}
} // namespace

void CliResult::setError(const ApiError &error, const QString &fallbackCode)
{
    ok = false;
    errorCode = error.code.isEmpty() ? fallbackCode : error.code;
    errorMessage = error.message;
    if (error.kind == ApiError::Kind::Http && error.code.isEmpty() && error.httpStatus > 0)
        errorMessage = error.displayText();
    errorTarget = error.target;
}

QJsonObject CliResult::toJson() const
{
    const bool hasError = !errorCode.isEmpty() || !errorMessage.isEmpty();
    return {{u"machineId"_s, text(machineId)}, {u"computerDnsName"_s, text(computerDnsName)},
        {u"ok"_s, ok}, {u"actionId"_s, text(actionId)}, {u"status"_s, text(status)},
        {u"error"_s,
            hasError ? QJsonValue(QJsonObject {{u"code"_s, text(errorCode)},
                {u"message"_s, text(errorMessage)}, {u"target"_s, text(errorTarget)}})
                     : QJsonValue(QJsonValue::Null)}};
}

QString CliResult::render(OutputFormat format, const QList<CliResult> &results)
{
    QStringList headers;
    if (format == OutputFormat::Table)
        headers = QStringList {u"machineId"_s, u"computerDnsName"_s, u"ok"_s, u"status"_s,
            u"actionId"_s, u"message"_s};
    else
        headers = QStringList {u"machineId"_s, u"computerDnsName"_s, u"ok"_s, u"actionId"_s,
            u"status"_s, u"errorCode"_s, u"errorMessage"_s, u"errorTarget"_s};
    QList<QStringList> rows;
    QList<QJsonObject> objects;
    for (const CliResult &r : results) {
        const QString ok = r.ok ? u"true"_s : u"false"_s;
        if (format == OutputFormat::Table) {
            QString message = r.errorMessage;
            if (!r.errorCode.isEmpty())
                message = message.isEmpty() ? r.errorCode : u"%1: %2"_s.arg(r.errorCode, message);
            if (!r.errorTarget.isEmpty())
                message += u" (%1)"_s.arg(r.errorTarget);
            rows.append({r.machineId, r.computerDnsName, ok, r.status, r.actionId, message});
        } else {
            rows.append({r.machineId, r.computerDnsName, ok, r.actionId, r.status, r.errorCode,
                r.errorMessage, r.errorTarget});
        }
        objects.append(r.toJson());
    }
    return Output::render(format, headers, rows, objects);
}
