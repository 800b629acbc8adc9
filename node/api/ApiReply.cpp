#include "node/api/ApiReply.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

QHttpServerResponse::StatusCode statusCode(int status)
{
    return static_cast<QHttpServerResponse::StatusCode>(status);
}

} // namespace

namespace ApiReply {

QHttpServerResponse json(const QJsonValue& body, int status)
{
    const QByteArray bytes = body.isArray() ? QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact)
                                            : QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    return QHttpServerResponse(QByteArrayLiteral("application/json"), bytes, statusCode(status));
}

QHttpServerResponse error(int status, const QString& code, const QString& message, const QString& field)
{
    QJsonObject detail{{QStringLiteral("status"), status},
                       {QStringLiteral("code"), code},
                       {QStringLiteral("message"), message}};
    if (!field.isEmpty())
        detail.insert(QStringLiteral("field"), field);
    return json(QJsonObject{{QStringLiteral("error"), detail}}, status);
}

QHttpServerResponse noContent()
{
    return QHttpServerResponse(QHttpServerResponse::StatusCode::NoContent);
}

} // namespace ApiReply
