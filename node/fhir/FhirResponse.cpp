#include "node/fhir/FhirResponse.h"

#include <QDateTime>
#include <QJsonArray>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace FhirResponse {

QJsonObject transactionResponse(const QJsonObject& request, qint64 messageId)
{
    const bool batch = request.value(u"type"_s).toString() == u"batch";
    QJsonArray entries;
    for (const QJsonValue& value : request.value(u"entry"_s).toArray()) {
        const bool carriesResource = value.toObject().value(u"resource"_s).isObject();
        entries.append(QJsonObject { { u"response"_s,
            QJsonObject { { u"status"_s, carriesResource ? u"201 Created"_s : u"202 Accepted"_s } } } });
    }
    return QJsonObject {
        { u"resourceType"_s, u"Bundle"_s },
        { u"id"_s, QString::number(messageId) },
        { u"type"_s, batch ? u"batch-response"_s : u"transaction-response"_s },
        { u"entry"_s, entries },
    };
}

QJsonObject messageResponse(const QJsonObject& request, const QString& channel, qint64 messageId, qint64 nowMs)
{
    const QJsonObject requestHeader
        = request.value(u"entry"_s).toArray().at(0).toObject().value(u"resource"_s).toObject();
    const QString headerId = QUuid::createUuid().toString(QUuid::WithoutBraces);

    QJsonObject header {
        { u"resourceType"_s, u"MessageHeader"_s },
        { u"id"_s, headerId },
        { u"source"_s,
            QJsonObject {
                { u"name"_s, u"vigil-node"_s }, { u"endpoint"_s, QString(u"urn:vigil:fhir:"_s + channel) } } },
        { u"response"_s,
            QJsonObject { { u"identifier"_s, requestHeader.value(u"id"_s).toString() }, { u"code"_s, u"ok"_s } } },
    };
    for (const QString& key : { u"eventCoding"_s, u"eventUri"_s }) {
        if (requestHeader.contains(key))
            header.insert(key, requestHeader.value(key));
    }
    const QString replyTo = requestHeader.value(u"source"_s).toObject().value(u"endpoint"_s).toString();
    if (!replyTo.isEmpty())
        header.insert(u"destination"_s, QJsonArray { QJsonObject { { u"endpoint"_s, replyTo } } });

    return QJsonObject {
        { u"resourceType"_s, u"Bundle"_s },
        { u"id"_s, QString::number(messageId) },
        { u"type"_s, u"message"_s },
        { u"timestamp"_s, QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC).toString(Qt::ISODateWithMs) },
        { u"entry"_s,
            QJsonArray {
                QJsonObject { { u"fullUrl"_s, QString(u"urn:uuid:"_s + headerId) }, { u"resource"_s, header } } } },
    };
}

} // namespace FhirResponse
