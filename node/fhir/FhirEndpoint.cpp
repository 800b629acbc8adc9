#include "node/fhir/FhirEndpoint.h"

#include "node/fhir/FhirResourceTypes.h"
#include "node/fhir/FhirResponse.h"
#include "node/fhir/OperationOutcome.h"
#include "node/fhir/TraceParent.h"
#include "node/metrics/NodeMetrics.h"
#include "node/pipeline/CorrelationId.h"
#include "node/store/MessageStore.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QTcpSocket>

#include <chrono>
#include <memory>

Q_LOGGING_CATEGORY(lcFhir, "vigil.node.fhir")

using namespace Qt::StringLiterals;

namespace {

const QByteArray kFhirJson = "application/fhir+json; charset=utf-8"_ba;

qint64 monotonicNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

QByteArray headerValue(const QHttpServerRequest& request, QByteArrayView name)
{
    const auto headers = request.headers();
    for (const auto& [key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

// application/fhir+json or application/json (FHIR R4 http.html "Content Types"), in UTF-8: a charset
// parameter, when given, must say so.
bool isJsonContentType(const QByteArray& header, QString* why)
{
    const QList<QByteArray> parts = header.split(';');
    const QByteArray mediaType = parts.value(0).trimmed().toLower();
    if (mediaType != "application/fhir+json" && mediaType != "application/json") {
        *why = mediaType.isEmpty()
            ? u"the request has no Content-Type; send application/fhir+json"_s
            : u"Content-Type %1 is not supported; this channel takes FHIR JSON (application/fhir+json)"_s.arg(
                QString::fromLatin1(mediaType.left(100)));
        return false;
    }
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QByteArray parameter = parts.at(i).trimmed();
        const qsizetype equals = parameter.indexOf('=');
        if (equals < 0 || parameter.left(equals).trimmed().toLower() != "charset")
            continue;
        QByteArray charset = parameter.mid(equals + 1).trimmed().toLower();
        if (charset.size() >= 2 && charset.startsWith('"') && charset.endsWith('"'))
            charset = charset.mid(1, charset.size() - 2);
        if (charset != "utf-8" && charset != "utf8") {
            *why = u"charset %1 is not supported; FHIR JSON is UTF-8"_s.arg(QString::fromLatin1(charset.left(40)));
            return false;
        }
    }
    return true;
}

bool isSuccess(int status)
{
    return status >= 200 && status < 300;
}

} // namespace

FhirEndpoint::FhirEndpoint(const ChannelConfig& config, const RouteTable& routes, qint64 dedupWindowMs,
    MessageStore& store, MetricsRegistry& metrics, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_ingest(m_config, routes, dedupWindowMs)
    , m_store(store)
    , m_metrics(metrics)
{
    const MetricLabels labels { { "channel", m_config.name } };
    m_metrics.add(NodeMetrics::MessagesReceived, labels, 0);
    m_metrics.add(NodeMetrics::MessagesRejected, labels, 0);
    m_metrics.add(NodeMetrics::Duplicates, labels, 0);
    m_metrics.add(NodeMetrics::AcksSent, { { "channel", m_config.name }, { "code", u"201"_s } }, 0);
}

FhirEndpoint::~FhirEndpoint() = default;

void FhirEndpoint::handle(
    const QHttpServerRequest& request, const QString& resourceTypeInPath, QHttpServerResponder&& responder)
{
    const qint64 startedNs = monotonicNs();
    m_metrics.add(NodeMetrics::MessagesReceived, { { "channel", m_config.name } });
    ++m_counters.received;
    m_counters.lastReceivedAtMs = QDateTime::currentMSecsSinceEpoch();

    // Refusals of the request itself: nothing is stored, there is no message to keep.
    if (request.method() != QHttpServerRequest::Method::Post) {
        answer(responder,
            refusal(405, u"only POST is supported on a FHIR channel (create a resource or send a Bundle)"_s,
                { { "Allow"_ba, "POST"_ba } }),
            startedNs);
        return;
    }
    if (!resourceTypeInPath.isEmpty() && !FhirResourceTypes::isKnown(resourceTypeInPath)) {
        answer(responder,
            refusal(404,
                u"the URL names no FHIR R4 resource type; POST to /fhir/%1 or /fhir/%1/<Type>"_s.arg(m_config.name)),
            startedNs);
        return;
    }
    QString why;
    if (!isJsonContentType(headerValue(request, "content-type"), &why)) {
        answer(responder, refusal(415, why), startedNs);
        return;
    }
    const QByteArray body = request.body();
    if (body.trimmed().isEmpty()) {
        answer(responder, refusal(400, u"the request body is empty; send a FHIR resource or Bundle"_s), startedNs);
        return;
    }

    // An incoming trace continues under its trace-id; an unusable traceparent is ignored (W3C).
    const auto trace = TraceParent::parse(headerValue(request, "traceparent"));
    const QByteArray correlationId = trace ? trace->traceId : CorrelationId::mint();
    auto decision = std::make_shared<FhirIngest::Decision>(
        m_ingest.process(body, correlationId, QDateTime::currentMSecsSinceEpoch()));

    if (decision->resource && !resourceTypeInPath.isEmpty() && decision->fields.messageType != resourceTypeInPath) {
        const QString bodyType = FhirResourceTypes::isKnown(decision->fields.messageType) ? decision->fields.messageType
                                                                                          : u"something else"_s;
        answer(responder, refusal(400, u"the URL names %1 but the body is %2"_s.arg(resourceTypeInPath, bodyType)),
            startedNs);
        return;
    }

    // The responder is move-only and must outlive this call: it waits in the completion. It holds a
    // plain pointer to the connection's socket (Qt 6.4), which the server deletes when the client
    // disconnects; the QPointer tells whether it is still there before anything is written.
    auto pending = std::make_shared<QHttpServerResponder>(std::move(responder));
    const QPointer<QTcpSocket> socket(pending->socket());
    const QPointer<FhirEndpoint> self(this);
    ++m_pendingCommits;
    m_store.ingestInLoop(decision->record, [self, decision, pending, socket, startedNs](const IngestOutcome& outcome) {
        if (!self)
            return;
        FhirEndpoint& endpoint = *self;
        --endpoint.m_pendingCommits;
        const QString& channel = endpoint.m_config.name;
        if (!outcome.committed) {
            qCWarning(lcFhir) << "channel" << channel << "could not store a message:" << outcome.error;
            ++endpoint.m_counters.errors;
        }
        if (outcome.duplicate) {
            endpoint.m_metrics.add(NodeMetrics::Duplicates, { { "channel", channel } });
            ++endpoint.m_counters.duplicates;
        } else if (outcome.committed && decision->record.deadLetter) {
            endpoint.m_metrics.add(NodeMetrics::DeadLettered, { { "stage", decision->record.deadLetterStage } });
            ++endpoint.m_counters.deadLettered;
        } else if (outcome.committed) {
            ++endpoint.m_counters.accepted;
        }

        const Reply reply = endpoint.replyFor(*decision, outcome);
        if (socket && socket->state() == QAbstractSocket::ConnectedState) {
            endpoint.answer(*pending, reply, startedNs);
            if (outcome.committed) {
                TraceEvent e;
                e.correlationId = outcome.correlationId;
                e.messageId = outcome.messageId;
                e.atUs = QDateTime::currentMSecsSinceEpoch() * 1000;
                e.stage = u"ack"_s;
                e.outcome = QString::number(reply.status);
                e.detail = u"HTTP %1"_s.arg(reply.status);
                endpoint.m_store.appendTrace({ e });
            }
        } else {
            qCInfo(lcFhir) << "channel" << channel << "client left before its answer; the message is kept";
        }
        if (!outcome.enqueued.isEmpty())
            emit endpoint.enqueued(outcome.enqueued);
        if (outcome.committed)
            emit endpoint.stateChanged(MessageStateChange::fromIngest(decision->record, outcome));
        if (outcome.committed && !outcome.duplicate && !decision->record.deadLetter)
            emit endpoint.accepted(AcceptedMessage::fromIngest(decision->record, outcome));
    });
}

FhirEndpoint::Reply FhirEndpoint::replyFor(const FhirIngest::Decision& decision, const IngestOutcome& outcome) const
{
    if (!outcome.committed) {
        Reply reply = refusal(503, u"the message could not be stored, so nothing was kept; send it again later"_s,
            { { "Retry-After"_ba, "5"_ba } });
        reply.headers.append({ "X-Correlation-ID"_ba, outcome.correlationId });
        return reply;
    }

    // A duplicate answers for the message it repeats: its ID, its correlation ID, its outcome.
    const qint64 messageId = outcome.duplicate ? outcome.duplicateOf : outcome.messageId;
    const QByteArray& correlationId = outcome.correlationId;
    bool storedStatusOk = false;
    const int storedStatus = outcome.ackCode.toInt(&storedStatusOk);
    const int status = outcome.duplicate && storedStatusOk ? storedStatus : decision.httpStatus;
    const QString type = decision.fields.messageType.isEmpty() ? u"Binary"_s : decision.fields.messageType;

    Reply reply;
    reply.headers = {
        { "X-Correlation-ID"_ba, correlationId },
        { "X-Vigil-Message-Id"_ba, QByteArray::number(messageId) },
        { "traceresponse"_ba, TraceParent::format(correlationId) },
    };
    const QString stored
        = u"stored as message %1, correlation ID %2"_s.arg(messageId).arg(QString::fromLatin1(correlationId));
    const QString duplicateNote = u"duplicate of message %1, already received: not processed again"_s.arg(messageId);

    if (isSuccess(status) && decision.record.disposition == IngestRecord::Disposition::Accepted) {
        reply.headers.append({ "Location"_ba, locationOf(type, messageId) });
        switch (decision.fields.kind) {
        case FhirIngest::Kind::Transaction:
        case FhirIngest::Kind::Batch:
            reply.status = 200;
            reply.body = QJsonDocument(FhirResponse::transactionResponse(*decision.resource, messageId))
                             .toJson(QJsonDocument::Compact);
            return reply;
        case FhirIngest::Kind::Message:
            reply.status = 200;
            reply.body = QJsonDocument(FhirResponse::messageResponse(*decision.resource, m_config.name, messageId,
                                           QDateTime::currentMSecsSinceEpoch()))
                             .toJson(QJsonDocument::Compact);
            return reply;
        case FhirIngest::Kind::Resource:
            break;
        }
        reply.status = outcome.duplicate ? 200 : 201;
        reply.body = OperationOutcome::toJson(
            { outcome.duplicate ? OperationOutcome::information(duplicateNote, u"duplicate"_s)
                                : OperationOutcome::information(stored) });
        return reply;
    }

    // Invalid content, kept and dead-lettered: the issues, and where the message went.
    FhirIssues issues = decision.issues;
    if (outcome.duplicate)
        issues.append(OperationOutcome::information(duplicateNote, u"duplicate"_s));
    else
        issues.append(OperationOutcome::information(stored + u"; dead-lettered for review, not processed further"_s));
    if (isSuccess(status)) {
        // accept-and-dead-letter: the sender moves on; the findings are warnings to it.
        for (FhirIssue& issue : issues) {
            if (issue.isError())
                issue.severity = FhirIssue::Severity::Warning;
        }
        reply.headers.append({ "Location"_ba, locationOf(type, messageId) });
    }
    reply.status = status;
    reply.body = OperationOutcome::toJson(issues);
    return reply;
}

FhirEndpoint::Reply FhirEndpoint::refusal(int status, const QString& diagnostics, const Headers& extra) const
{
    Reply reply;
    reply.status = status;
    reply.body = OperationOutcome::toJson({ OperationOutcome::forStatus(status, diagnostics) });
    reply.headers = extra;
    return reply;
}

QByteArray FhirEndpoint::locationOf(const QString& type, qint64 messageId) const
{
    return "/fhir/"_ba + m_config.name.toUtf8() + '/' + type.toUtf8() + '/' + QByteArray::number(messageId);
}

void FhirEndpoint::answer(QHttpServerResponder& responder, const Reply& reply, qint64 startedNs)
{
    // QHttpServerResponder::write() takes headers only as an initializer list in Qt 6.4; a reply whose
    // headers vary is written piece by piece.
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(reply.status));
    responder.writeHeader("Content-Type"_ba, kFhirJson);
    responder.writeHeader("Content-Length"_ba, QByteArray::number(reply.body.size()));
    for (const auto& [key, value] : reply.headers) {
        if (!value.isEmpty())
            responder.writeHeader(key, value);
    }
    responder.writeBody(reply.body);

    const QString code = QString::number(reply.status);
    m_metrics.add(NodeMetrics::AcksSent, { { "channel", m_config.name }, { "code", code } });
    if (reply.status >= 400) {
        m_metrics.add(NodeMetrics::MessagesRejected, { { "channel", m_config.name } });
        ++m_counters.rejected;
    }
    m_metrics.observe(
        NodeMetrics::AckLatency, { { "channel", m_config.name } }, double(monotonicNs() - startedNs) / 1e9);
}

void FhirEndpoint::answerError(QHttpServerResponder&& responder, int status, const QString& diagnostics)
{
    const QByteArray body = OperationOutcome::toJson({ OperationOutcome::forStatus(status, diagnostics) });
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(status));
    responder.writeHeader("Content-Type"_ba, kFhirJson);
    responder.writeHeader("Content-Length"_ba, QByteArray::number(body.size()));
    responder.writeBody(body);
}
