// SPDX-License-Identifier: MIT
#include "tokenstore.h"

using namespace Qt::StringLiterals;

QString TokenStore::makeKey(
    Cloud cloud, const QString &tenant, const QString &clientId, const QString &account)
{
    return cloudToString(cloud) + u'|' + tenant.trimmed().toLower() + u'|'
        + clientId.trimmed().toLower() + u'|' + account.trimmed();
}
