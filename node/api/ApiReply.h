#pragma once

#include <QHttpServerResponse>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

/// The ops API's responses (docs/ops-api.md "Errors"): JSON bodies, and one error shape for every
/// failure — {"error": {"status", "code", "message", "field"?}} — so a client (or a person reading
/// curl output) always learns what was wrong and where.
namespace ApiReply {

QHttpServerResponse json(const QJsonValue& body, int status = 200);
QHttpServerResponse error(int status, const QString& code, const QString& message, const QString& field = {});
QHttpServerResponse noContent();

} // namespace ApiReply
