// SPDX-License-Identifier: MIT
// AuditRecord's texts, apart from auditlog.cpp: the history's model shows records and needs no
// SQLite (the window side of the app links no QtSql).
#include "auditlog.h"

using namespace Qt::StringLiterals;

bool AuditRecord::isUnresolved() const
{
    return state == State::Queued || state == State::Intent || state == State::Sent
        || state == State::OutcomeUnknown;
}

QString auditKindToString(AuditRecord::Kind kind)
{
    return kind == AuditRecord::Kind::Cancel ? u"cancel"_s : u"offboard"_s;
}

QString auditStateToString(AuditRecord::State state)
{
    switch (state) {
    case AuditRecord::State::Intent:
        return u"Intent"_s;
    case AuditRecord::State::Sent:
        return u"Sent"_s;
    case AuditRecord::State::Succeeded:
        return u"Succeeded"_s;
    case AuditRecord::State::Failed:
        return u"Failed"_s;
    case AuditRecord::State::OutcomeUnknown:
        return u"OutcomeUnknown"_s;
    case AuditRecord::State::NotSent:
        return u"NotSent"_s;
    case AuditRecord::State::Reconciled:
        return u"Reconciled"_s;
    case AuditRecord::State::Queued:
        return u"Queued"_s;
    }
    return {};
}
