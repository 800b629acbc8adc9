#include "node/feed/FeedSink.h"

#include "models/hl7/Hl7Ack.h"
#include "models/hl7/Hl7Message.h"
#include "net/mllp/MllpServer.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace {

// MSH-10 read straight from the bytes, for messages the parser rejects.
QString rawControlId(const QByteArray& payload)
{
    if (!payload.startsWith("MSH") || payload.size() < 4)
        return {};
    const char separator = payload.at(3);
    qsizetype end = payload.indexOf('\r');
    if (end < 0)
        end = payload.indexOf('\n');
    const QList<QByteArray> fields = payload.left(end < 0 ? payload.size() : end).split(separator);
    return fields.size() > 9 ? QString::fromUtf8(fields.at(9)) : QString();
}

} // namespace

FeedSink::FeedSink(FeedSinkOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_random(m_options.seed)
{
    MllpServerOptions serverOptions;
    m_server = new MllpServer(serverOptions, this);
    connect(m_server, &MllpServer::frameReceived, this,
        [this](quint64 id, const QByteArray& payload, qint64) { onFrame(id, payload); });
    connect(m_server, &MllpServer::connectionOpened, this, [this](quint64 id, const QString&) { m_open.insert(id); });
    connect(m_server, &MllpServer::connectionClosed, this, [this](quint64 id) { m_open.remove(id); });
}

FeedSink::~FeedSink() = default;

bool FeedSink::appendLine(QFile& file, const QString& line)
{
    if (!file.isOpen())
        return true;
    const QByteArray bytes = (line.isEmpty() ? u"-"_s : line).toUtf8() + '\n';
    // Flushed per line: a test reading the file while the sink runs must see every message so far.
    return file.write(bytes) == bytes.size() && file.flush();
}

bool FeedSink::start(QString* errorString)
{
    for (auto [path, file] : { std::pair { m_options.recordPath, &m_record },
             std::pair { m_options.recordAcceptedPath, &m_recordAccepted } }) {
        if (path.isEmpty())
            continue;
        file->setFileName(path);
        if (!file->open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
            if (errorString)
                *errorString = u"cannot open %1: %2"_s.arg(path, file->errorString());
            return false;
        }
    }
    if (!m_options.payloadDir.isEmpty() && !QDir().mkpath(m_options.payloadDir)) {
        if (errorString)
            *errorString = u"cannot create %1"_s.arg(m_options.payloadDir);
        return false;
    }
    if (!listenNow(errorString))
        return false;
    if (m_options.downAfter == 0 && m_options.downForMs > 0)
        goDown();
    else
        emit listening(m_options.address, m_port);
    return true;
}

bool FeedSink::listenNow(QString* errorString)
{
    if (!m_server->listen(m_options.address, m_port ? m_port : m_options.port, errorString))
        return false;
    m_port = m_server->serverPort();
    m_listening = true;
    return true;
}

void FeedSink::stop()
{
    m_stopped = true;
    closeAll();
}

void FeedSink::closeAll()
{
    m_server->close();
    m_listening = false;
    const QSet<quint64> open = m_open;
    for (quint64 id : open)
        m_server->closeConnection(id);
}

void FeedSink::goDown()
{
    m_wentDown = true;
    closeAll();
    emit wentDown(m_options.downForMs);
    QTimer::singleShot(m_options.downForMs, this, &FeedSink::comeBack);
}

void FeedSink::comeBack()
{
    if (m_stopped)
        return;
    if (listenNow(nullptr)) {
        emit listening(m_options.address, m_port);
        return;
    }
    // The port may still be held for a moment; keep the promise to come back.
    QTimer::singleShot(200, this, &FeedSink::comeBack);
}

void FeedSink::onFrame(quint64 connectionId, const QByteArray& payload)
{
    if (!m_listening) {
        m_server->closeConnection(connectionId);
        return;
    }
    if (!m_wentDown && m_options.downAfter > 0 && m_options.downForMs > 0 && m_counts.received >= m_options.downAfter) {
        goDown();
        return;
    }

    ++m_counts.received;
    const Hl7Message::ParseResult parsed = Hl7Message::parse(payload);
    const QString controlId = parsed.ok() ? parsed.message->controlId() : rawControlId(payload);
    appendLine(m_record, controlId);
    if (!m_options.payloadDir.isEmpty()) {
        QFile file(QDir(m_options.payloadDir)
                       .filePath(QString::number(m_counts.received).rightJustified(8, u'0') + u".hl7"_s));
        if (file.open(QIODevice::WriteOnly))
            file.write(payload);
    }
    emit messageReceived(controlId);

    if (m_options.dropEvery > 0 && m_counts.received % m_options.dropEvery == 0) {
        ++m_counts.dropped;
        m_server->closeConnection(connectionId);
        emit dropped(controlId);
        return;
    }

    // Drawn for every message, so the stream of AE/AR decisions depends on the seed alone.
    const double roll = m_random.generateDouble();
    Hl7AckCode code = roll < m_options.aeShare         ? Hl7AckCode::AE
        : roll < m_options.aeShare + m_options.arShare ? Hl7AckCode::AR
                                                       : Hl7AckCode::AA;
    Hl7Ack::Options ackOptions;
    ackOptions.controlId = u"SINK"_s % QString::number(++m_ackCounter).rightJustified(10, u'0');
    QList<Hl7Error> errors;
    if (!parsed.ok()) {
        code = Hl7AckCode::AE;
        errors.append(parsed.error);
    } else if (code != Hl7AckCode::AA) {
        Hl7Error error;
        error.code = Hl7ErrorCode::ApplicationInternalError;
        error.message = code == Hl7AckCode::AE ? u"Simulated downstream error"_s : u"Simulated downstream rejection"_s;
        ackOptions.text = error.message;
        errors.append(error);
    }
    const QByteArray ack = parsed.ok() ? Hl7Ack::build(*parsed.message, code, errors, ackOptions)
                                       : Hl7Ack::buildFromRawHeader(payload, code, errors, ackOptions);
    if (ack.isEmpty()) {
        ++m_counts.unanswerable;
        return;
    }
    const QString codeText = QString::fromLatin1(toByteArray(code));
    if (m_options.stallMs > 0) {
        // Same delay for every message, and precise timers fire in start order: answers stay in order.
        QTimer::singleShot(m_options.stallMs, Qt::PreciseTimer, this,
            [this, connectionId, ack, controlId, codeText] { respond(connectionId, ack, controlId, codeText); });
    } else {
        respond(connectionId, ack, controlId, codeText);
    }
}

void FeedSink::respond(quint64 connectionId, const QByteArray& ack, const QString& controlId, const QString& code)
{
    if (!m_open.contains(connectionId)) {
        ++m_counts.lostWhileStalled;
        return;
    }
    m_server->sendResponse(connectionId, ack);
    if (code == u"AA"_s) {
        ++m_counts.aa;
        appendLine(m_recordAccepted, controlId);
    } else if (code == u"AE"_s) {
        ++m_counts.ae;
    } else {
        ++m_counts.ar;
    }
    emit answered(controlId, code);
}

QString FeedSink::summary() const
{
    return u"sink received %1: AA %2, AE %3, AR %4, dropped %5, unanswerable %6, lost while stalled %7"_s
        .arg(m_counts.received)
        .arg(m_counts.aa)
        .arg(m_counts.ae)
        .arg(m_counts.ar)
        .arg(m_counts.dropped)
        .arg(m_counts.unanswerable)
        .arg(m_counts.lostWhileStalled);
}
