#include "models/hl7/Hl7Ack.h"

#include "models/hl7/Hl7Charset.h"
#include "models/hl7/Hl7Escape.h"
#include "models/hl7/Hl7Parser.h"

#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace Hl7Ack {

namespace {

// HL7 table 0357 texts, as ERR-3.2 carries them.
QByteArray errorCodeText(Hl7ErrorCode code)
{
    switch (code) {
    case Hl7ErrorCode::Accepted: return "Message accepted"_ba;
    case Hl7ErrorCode::SegmentSequenceError: return "Segment sequence error"_ba;
    case Hl7ErrorCode::RequiredFieldMissing: return "Required field missing"_ba;
    case Hl7ErrorCode::DataTypeError: return "Data type error"_ba;
    case Hl7ErrorCode::TableValueNotFound: return "Table value not found"_ba;
    case Hl7ErrorCode::UnsupportedMessageType: return "Unsupported message type"_ba;
    case Hl7ErrorCode::UnsupportedEventCode: return "Unsupported event code"_ba;
    case Hl7ErrorCode::UnsupportedProcessingId: return "Unsupported processing id"_ba;
    case Hl7ErrorCode::UnsupportedVersionId: return "Unsupported version id"_ba;
    case Hl7ErrorCode::UnknownKeyIdentifier: return "Unknown key identifier"_ba;
    case Hl7ErrorCode::DuplicateKeyIdentifier: return "Duplicate key identifier"_ba;
    case Hl7ErrorCode::ApplicationRecordLocked: return "Application record locked"_ba;
    case Hl7ErrorCode::ApplicationInternalError: return "Application internal error"_ba;
    }
    return "Application internal error"_ba;
}

// ERR-1 (ELD) is the only error field before v2.5; ERR-2..ERR-12 arrived with v2.5. An unknown
// version gets both forms, since a receiver reads the one it knows and ignores the other.
bool usesLegacyErrorLayout(const QString& version)
{
    const QStringList parts = version.trimmed().split(u'.');
    bool majorOk = false;
    bool minorOk = false;
    const int major = parts.value(0).toInt(&majorOk);
    const int minor = parts.value(1).toInt(&minorOk);
    if (!majorOk || !minorOk)
        return true;
    return major < 2 || (major == 2 && minor < 5);
}

QByteArray firstRepetition(const QByteArray& field, const Hl7Encoding& encoding)
{
    const auto first = Hl7Parser::part(field, encoding.repetition, 0);
    return first ? first->toByteArray() : QByteArray();
}

QByteArray timestamp(const QDateTime& when)
{
    if (!when.isValid()) {
        // Now, in UTC: formatted once per second (QDateTime::toString costs microseconds, and a busy
        // channel acknowledges thousands of messages in the same second).
        thread_local qint64 cachedSecond = -1;
        thread_local QByteArray cached;
        const qint64 second = QDateTime::currentSecsSinceEpoch();
        if (second != cachedSecond) {
            cached = timestamp(QDateTime::fromSecsSinceEpoch(second, QTimeZone::utc()));
            cachedSecond = second;
        }
        return cached;
    }
    const QDateTime& at = when;
    const int offsetMinutes = at.offsetFromUtc() / 60;
    const int absMinutes = offsetMinutes < 0 ? -offsetMinutes : offsetMinutes;
    return at.toString(u"yyyyMMddHHmmss"_s).toLatin1() + (offsetMinutes < 0 ? "-" : "+")
        + QByteArray::number(absMinutes / 60).rightJustified(2, '0')
        + QByteArray::number(absMinutes % 60).rightJustified(2, '0');
}

/// Writes one segment straight into the ACK being built. Fields must be set in increasing order;
/// empty ones cost nothing, and trailing empty fields are never written (an ACK is built for every
/// message received, so it allocates as little as it can).
class SegmentWriter
{
public:
    SegmentWriter(QByteArray& out, QByteArrayView name, const Hl7Encoding& encoding)
        : m_out(out)
        , m_separator(encoding.field)
        // MSH-1 is the separator written right after the name, so MSH's first written field is 2.
        , m_written(name == "MSH" ? 1 : 0)
    {
        m_out.append(name);
    }
    ~SegmentWriter()
    {
        if (m_written == 1)                          // MSH with nothing but MSH-1
            m_out.append(m_separator);
        m_out.append('\r');
    }
    SegmentWriter(const SegmentWriter&) = delete;
    SegmentWriter& operator=(const SegmentWriter&) = delete;

    void setField(int field, QByteArrayView value)
    {
        Q_ASSERT(field > m_written);
        if (value.isEmpty())
            return;
        for (; m_written < field; ++m_written)
            m_out.append(m_separator);
        m_out.append(value);
    }

private:
    QByteArray& m_out;
    char m_separator;
    int m_written;
};

QByteArray joinComponents(const QList<QByteArray>& parts, char delimiter)
{
    qsizetype used = parts.size();
    while (used > 0 && parts[used - 1].isEmpty())
        --used;
    QByteArray out;
    for (qsizetype i = 0; i < used; ++i) {
        if (i > 0)
            out.append(delimiter);
        out.append(parts[i]);
    }
    return out;
}

QByteArray numberOrEmpty(int n)
{
    return n > 0 ? QByteArray::number(n) : QByteArray();
}

} // namespace

QByteArray build(const Hl7Message& inbound, Hl7AckCode code, const QList<Hl7Error>& errors, const Options& options)
{
    const bool hasHeader = inbound.segmentCount() > 0;
    const Hl7Encoding encoding = hasHeader ? inbound.encoding() : Hl7Encoding{};
    const QByteArray inboundCharset = hasHeader ? firstRepetition(inbound.rawField(0, 18), encoding) : QByteArray();
    // Reply in the sender's encoding (SEMANTICS.md 1.3): same delimiters and charset.
    // Chosen only when a text needs encoding: checking the whole message for UTF-8 costs more than
    // building the rest of the ACK.
    std::optional<int> mib;
    auto text = [&](const QString& value) {
        // Most texts are plain ASCII without a delimiter: nothing to encode or escape.
        const bool plainAscii = std::all_of(value.cbegin(), value.cend(), [&encoding](QChar c) {
            const char16_t u = c.unicode();
            return u >= 0x20 && u < 0x7f && u != char16_t(encoding.field) && u != char16_t(encoding.component)
                && u != char16_t(encoding.repetition) && u != char16_t(encoding.escape)
                && u != char16_t(encoding.subcomponent) && u != char16_t(encoding.truncation);
        });
        if (plainAscii)
            return value.toLatin1();
        if (!mib)
            mib = Hl7Charset::chooseMib(inboundCharset, inbound.raw());
        const QByteArray bytes = Hl7Charset::encodeLossy(value, *mib);
        // An escape character is always present in MSH-2 when the ACK needs one for our texts;
        // when it is not, dropping delimiters keeps the ACK structurally sound.
        if (auto escaped = Hl7Escape::escape(bytes, encoding))
            return *escaped;
        QByteArray plain;
        for (const char c : bytes) {
            if (c != encoding.field && c != encoding.component && c != encoding.repetition
                && c != encoding.subcomponent && static_cast<unsigned char>(c) >= 0x20)
                plain.append(c);
        }
        return plain;
    };
    const QByteArrayView header = hasHeader ? inbound.segmentView(0) : QByteArrayView();
    auto inboundField = [&](int field) {
        const auto view = hasHeader ? Hl7Parser::field(header, encoding, field) : std::nullopt;
        return view ? *view : QByteArrayView();
    };

    QByteArray out;
    out.reserve(header.size() + 64 + options.text.size() + 160 * errors.size());
    {
        SegmentWriter msh(out, "MSH", encoding);
        msh.setField(2, encoding.msh2());
        msh.setField(3, inboundField(5));
        msh.setField(4, inboundField(6));
        msh.setField(5, inboundField(3));
        msh.setField(6, inboundField(4));
        msh.setField(7, timestamp(options.timestamp));
        // MSH-9.2 of the first repetition, as rawValue(u"MSH-9.2") reads it, without parsing a path.
        const auto messageType = Hl7Parser::part(inboundField(9), encoding.repetition, 0);
        const auto triggerPart = messageType ? Hl7Parser::part(*messageType, encoding.component, 1) : std::nullopt;
        const QByteArrayView trigger = triggerPart ? *triggerPart : QByteArrayView();
        msh.setField(9, trigger.isEmpty() ? "ACK"_ba
                                          : "ACK" + QByteArray(1, encoding.component) + trigger
                                                + QByteArray(1, encoding.component) + "ACK");
        msh.setField(10, text(options.controlId));
        const QByteArrayView processingId = inboundField(11);
        msh.setField(11, processingId.isEmpty() ? "P" : processingId);
        const QByteArrayView version = inboundField(12);
        // HAPI also falls back to a default version when MSH-12 is absent; an ACK without one would
        // fail the sender's own MSH-12 check.
        msh.setField(12, version.isEmpty() ? "2.5.1" : version);
        if (!inboundCharset.isEmpty())
            msh.setField(18, inboundField(18));
    }
    {
        SegmentWriter msa(out, "MSA", encoding);
        msa.setField(1, toByteArray(code));
        msa.setField(2, inboundField(10));
        msa.setField(3, text(options.text));
    }

    const bool legacy = !errors.isEmpty() && usesLegacyErrorLayout(hasHeader ? inbound.version() : QString());
    const char comp = encoding.component;
    for (const Hl7Error& error : errors) {
        SegmentWriter err(out, "ERR", encoding);
        const QByteArray codeNumber = QByteArray::number(int(error.code));
        const Hl7Location& at = error.location;
        const QByteArray segment = text(QString::fromLatin1(at.segment));
        if (legacy) {
            QByteArray eldCode = codeNumber;
            if (encoding.subcomponent != 0)
                eldCode += encoding.subcomponent + text(QString::fromLatin1(errorCodeText(error.code)))
                    + encoding.subcomponent + "HL70357";
            err.setField(1, joinComponents({segment, numberOrEmpty(at.segmentSequence), numberOrEmpty(at.field),
                                            eldCode},
                                           comp));
        }
        if (!segment.isEmpty())
            err.setField(2, joinComponents({segment, numberOrEmpty(at.segmentSequence), numberOrEmpty(at.field),
                                            numberOrEmpty(at.repetition), numberOrEmpty(at.component),
                                            numberOrEmpty(at.subcomponent)},
                                           comp));
        err.setField(3, joinComponents({codeNumber, text(QString::fromLatin1(errorCodeText(error.code))),
                                        "HL70357"_ba},
                                       comp));
        const char severity = (error.severity == 'W' || error.severity == 'I') ? error.severity : 'E';
        err.setField(4, QByteArray(1, severity));
        err.setField(8, text(error.message));
    }
    return out;
}

QByteArray buildFromRawHeader(const QByteArray& raw, Hl7AckCode code, const QList<Hl7Error>& errors,
                              const Options& options)
{
    const auto header = Hl7Parser::parseHeaderLeniently(raw);
    if (!header)
        return {};
    return build(*header, code, errors, options);
}

Parsed parse(const QByteArray& ackPayload)
{
    Parsed parsed;
    const auto result = Hl7Message::parse(ackPayload);
    if (!result.message)
        return parsed;
    const Hl7Message& ack = *result.message;
    if (ack.findSegment("MSA") < 0)
        return parsed;
    parsed.valid = true;
    parsed.code = ack.value(u"MSA-1").trimmed();
    parsed.controlId = ack.value(u"MSA-2");
    parsed.text = ack.value(u"MSA-3");
    if (ack.findSegment("ERR") >= 0) {
        // v2.5+ puts the text in ERR-8 or ERR-3.2; older versions in ERR-1 (ELD) component 4.
        for (const auto path : {u"ERR-8", u"ERR-3.2", u"ERR-1.4.2", u"ERR-3.1", u"ERR-1.4.1", u"ERR-1.4"}) {
            parsed.errorText = ack.value(path);
            if (!parsed.errorText.isEmpty())
                break;
        }
    }
    return parsed;
}

bool shouldSend(const QString& ackType, bool success)
{
    const QString type = ackType.trimmed().toUpper();
    if (type == u"NE")
        return false;
    if (type == u"ER")
        return !success;
    if (type == u"SU")
        return success;
    // AL, empty (original mode) and values outside table 0155: answer. Staying silent on a value we
    // do not know would make the sender time out and resend forever.
    return true;
}

} // namespace Hl7Ack
