// SPDX-License-Identifier: MIT
#pragma once

// Internal to the sign-in session: PKCE, form encoding and the token endpoint call.

#include "apierror.h"
#include "endpoints.h"

#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QObject;

namespace OAuth {
using Form = QList<QPair<QString, QString>>;

// n random bytes, base64url without padding (PKCE verifier, state).
QString randomToken(int bytes = 32);
// base64url(SHA-256(verifier)) without padding (RFC 7636 S256).
QString pkceChallenge(const QString &verifier);
// application/x-www-form-urlencoded, every value fully percent-encoded (a '+' stays a '+').
QByteArray formEncode(const Form &form);
// {authority}/{tenant}/oauth2/v2.0/{endpoint}
QUrl identityUrl(const QUrl &authority, const QString &tenant, const QString &endpoint);

struct TokenResponse
{
    Q_DECLARE_TR_FUNCTIONS(TokenResponse)
public:
    bool ok = false;
    QString accessToken;
    QString refreshToken;
    QString idToken;
    qint64 expiresIn = 0;
    // Errors: the service's error and error_description, or ours; kind says which (Auth for
    // an OAuth error answer, Network/Timeout/Tls/Parse otherwise).
    ApiError::Kind kind = ApiError::Kind::None;
    QString error;
    QString errorDescription;
    QString message; // translated, for people

    ApiError toApiError() const;
};

// POSTs the form to the token endpoint; done runs exactly once on context's thread (not at all
// if context is destroyed first, which aborts the request). Returns nothing: cancel by
// destroying context.
void postTokenRequest(QNetworkAccessManager *network, const QUrl &tokenUrl, const Form &form,
    int transferTimeoutMs, QObject *context, std::function<void(const TokenResponse &)> done);
} // namespace OAuth
