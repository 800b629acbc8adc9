#include "node/api/MessageView.h"

#include "models/fhir/FhirPhiMasker.h"
#include "models/hl7/Hl7JsonView.h"
#include "models/hl7/Hl7Message.h"
#include "models/hl7/PhiMasker.h"
#include "node/api/ApiJson.h"

#include <QJsonDocument>
#include <QStringDecoder>

namespace {

// HL7 v2 bytes are UTF-8 or (older senders) 8859/1; the exact bytes also go out as base64.
QString text(const QByteArray& bytes)
{
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString decoded = utf8.decode(bytes);
    return utf8.hasError() ? QString::fromLatin1(bytes) : decoded;
}

QJsonObject messageFields(const StoredMessage& m, bool unmasked)
{
    MessageSummary s;
    s.id = m.id;
    s.correlationId = m.correlationId;
    s.channel = m.channel;
    s.receivedAtMs = m.receivedAtMs;
    s.messageType = m.messageType;
    s.triggerEvent = m.triggerEvent;
    s.controlId = m.controlId;
    s.sendingApplication = m.sendingApplication;
    s.sendingFacility = m.sendingFacility;
    s.patientId = m.patientId;
    s.unit = m.unit;
    s.state = m.state;
    s.ackCode = m.ackCode;
    s.format = m.format;
    s.replayOf = m.replayOf;
    s.duplicateOf = m.duplicateOf;
    QJsonObject o = ApiJson::messageSummary(s, !unmasked);
    o.remove(QStringLiteral("routedTo"));
    o.remove(QStringLiteral("deliveredTo"));
    o.remove(QStringLiteral("deadLetteredAt"));
    if (!m.version.isEmpty())
        o.insert(QStringLiteral("version"), m.version);
    return o;
}

} // namespace

namespace MessageView {

QJsonObject content(const StoredMessage& m, bool unmasked, const PhiMasker& hl7Masker, const FhirPhiMasker& fhirMasker)
{
    QJsonObject o{{QStringLiteral("masked"), !unmasked}};
    if (m.format == u"fhir+json") {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(m.raw, &error);
        if (document.isObject()) {
            const QJsonObject resource = unmasked ? document.object() : fhirMasker.mask(document.object());
            o.insert(QStringLiteral("resource"), resource);
            const QByteArray bytes = unmasked ? m.raw : QJsonDocument(resource).toJson(QJsonDocument::Indented);
            o.insert(QStringLiteral("raw"), text(bytes));
            o.insert(QStringLiteral("rawBase64"), QString::fromLatin1(bytes.toBase64()));
        } else {
            // Stored but not JSON (a rejected body): nothing can be attributed to a field.
            const QByteArray bytes = unmasked ? m.raw : QByteArray(FhirPhiMasker::maskText);
            o.insert(QStringLiteral("raw"), text(bytes));
            o.insert(QStringLiteral("rawBase64"), QString::fromLatin1(bytes.toBase64()));
        }
        return o;
    }
    QByteArray bytes = m.raw;
    if (!unmasked) {
        const PhiMasker::Result result = hl7Masker.maskWithReport(m.raw);
        bytes = result.masked;
        o.insert(QStringLiteral("maskedPaths"), QJsonArray::fromStringList(result.maskedPaths));
    }
    o.insert(QStringLiteral("raw"), text(bytes));
    o.insert(QStringLiteral("rawBase64"), QString::fromLatin1(bytes.toBase64()));
    const auto parsed = Hl7Message::parse(bytes);
    if (parsed.ok())
        o.insert(QStringLiteral("parsed"), Hl7JsonView::toJson(*parsed.message));
    else
        o.insert(QStringLiteral("parseError"), parsed.error.message);
    return o;
}

QJsonObject detail(const MessageDetail& d, bool unmasked, const PhiMasker& hl7Masker, const FhirPhiMasker& fhirMasker)
{
    QJsonObject o = messageFields(d.message, unmasked);
    o.insert(QStringLiteral("content"), content(d.message, unmasked, hl7Masker, fhirMasker));
    o.insert(QStringLiteral("trace"), ApiJson::trace(d.trace));
    QJsonArray letters;
    for (const DeadLetter& l : d.deadLetters) {
        QJsonObject letter{{QStringLiteral("id"), l.id},
                           {QStringLiteral("stage"), l.stage},
                           {QStringLiteral("reason"), l.reason},
                           {QStringLiteral("state"), l.state},
                           {QStringLiteral("createdAt"), ApiJson::time(l.createdAtMs)},
                           {QStringLiteral("attempts"), l.attempts}};
        if (!l.destination.isEmpty())
            letter.insert(QStringLiteral("destination"), l.destination);
        if (!l.errorClass.isEmpty())
            letter.insert(QStringLiteral("errorClass"), l.errorClass);
        if (!l.errorLocation.isEmpty())
            letter.insert(QStringLiteral("errorLocation"), l.errorLocation);
        if (l.resubmittedAs != 0)
            letter.insert(QStringLiteral("resubmittedAs"), l.resubmittedAs);
        letters.append(letter);
    }
    o.insert(QStringLiteral("deadLetters"), letters);
    QJsonArray replayedBy;
    for (qint64 id : d.replayedBy)
        replayedBy.append(id);
    o.insert(QStringLiteral("replayedBy"), replayedBy);
    o.insert(QStringLiteral("routedTo"), QJsonArray::fromStringList(d.routedTo));
    o.insert(QStringLiteral("deliveredTo"), QJsonArray::fromStringList(d.deliveredTo));
    return o;
}

} // namespace MessageView
