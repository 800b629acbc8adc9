#include "net/mllp/MllpFrameDecoder.h"

#include <cstring>
#include <utility>

namespace {

const char* findByte(const char* p, const char* end, char byte)
{
    if (p >= end)
        return nullptr;
    return static_cast<const char*>(std::memchr(p, static_cast<unsigned char>(byte), static_cast<size_t>(end - p)));
}

MllpFrameDecoder::Event errorEvent(MllpFrameDecoder::Error error, qsizetype byteCount)
{
    MllpFrameDecoder::Event event;
    event.isFrame = false;
    event.error = error;
    event.byteCount = byteCount;
    return event;
}

MllpFrameDecoder::Event frameEvent(QByteArray payload)
{
    MllpFrameDecoder::Event event;
    event.payload = std::move(payload);
    return event;
}

} // namespace

MllpFrameDecoder::MllpFrameDecoder(qsizetype maxFrameBytes)
    : m_maxFrameBytes(maxFrameBytes < 0 ? 0 : maxFrameBytes)
{
}

QList<MllpFrameDecoder::Event> MllpFrameDecoder::feed(QByteArrayView bytes)
{
    QList<Event> events;
    const char* p = bytes.data();
    const char* const end = p + bytes.size();
    while (p < end) {
        switch (m_state) {
        case State::Outside: {
            const char* sb = findByte(p, end, StartBlock);
            if (!sb) {
                m_junk += end - p;
                p = end;
                break;
            }
            m_junk += sb - p;
            openFrame(events);
            p = sb + 1;
            break;
        }
        case State::InFrame:
            p = scanBody(p, end, events);
            break;
        case State::AfterEnd:
            if (*p == CarriageReturn) {
                events.append(frameEvent(std::exchange(m_buffer, {})));
                m_state = State::Outside;
                ++p;
            } else {
                // Strict: only EB CR ends a frame. The byte is not consumed, so an SB here opens the next
                // frame and anything else counts as junk.
                reportCorrupt(events, 1 + m_buffer.size() + 1);
                m_state = State::Outside;
            }
            break;
        case State::Discarding:
            p = scanDiscarding(p, end, events);
            break;
        case State::DiscardingAfterEnd:
            if (*p == CarriageReturn) {
                m_state = State::Outside;
                ++p;
            } else {
                m_state = State::Discarding; // re-examine this byte: it may be SB or another EB
            }
            break;
        }
    }
    return events;
}

const char* MllpFrameDecoder::scanBody(const char* p, const char* end, QList<Event>& events)
{
    // Two memchr passes instead of a byte loop: the payload is copied once, in one piece per read.
    const char* eb = findByte(p, end, EndBlock);
    const char* sb = findByte(p, eb ? eb : end, StartBlock);
    const char* stop = sb ? sb : (eb ? eb : end);
    const qsizetype dataLen = stop - p;

    if (m_buffer.size() + dataLen > m_maxFrameBytes) {
        // Report at the first byte over the limit, independent of read boundaries.
        const qsizetype allowed = m_maxFrameBytes - m_buffer.size();
        m_buffer = QByteArray();
        events.append(errorEvent(Error::Oversize, m_maxFrameBytes + 1));
        m_state = State::Discarding;
        return p + allowed + 1;
    }

    if (sb) {
        reportCorrupt(events, 1 + m_buffer.size() + dataLen);
        openFrame(events);
        return sb + 1;
    }
    if (!eb) {
        m_buffer.append(p, dataLen);
        return end;
    }
    if (eb + 1 == end) {
        m_buffer.append(p, dataLen);
        m_state = State::AfterEnd;
        return end;
    }
    if (eb[1] != CarriageReturn) {
        reportCorrupt(events, 1 + m_buffer.size() + dataLen + 1);
        m_buffer = QByteArray();
        m_state = State::Outside;
        return eb + 1;
    }
    if (m_buffer.isEmpty()) {
        events.append(frameEvent(QByteArray(p, dataLen)));
    } else {
        m_buffer.append(p, dataLen);
        events.append(frameEvent(std::exchange(m_buffer, {})));
    }
    m_state = State::Outside;
    return eb + 2;
}

const char* MllpFrameDecoder::scanDiscarding(const char* p, const char* end, QList<Event>& events)
{
    const char* eb = findByte(p, end, EndBlock);
    const char* sb = findByte(p, eb ? eb : end, StartBlock);
    if (sb) {
        openFrame(events);
        return sb + 1;
    }
    if (eb) {
        m_state = State::DiscardingAfterEnd;
        return eb + 1;
    }
    return end;
}

void MllpFrameDecoder::openFrame(QList<Event>& events)
{
    if (m_junk > 0) {
        events.append(errorEvent(Error::Junk, m_junk));
        m_junk = 0;
    }
    m_buffer = QByteArray();
    m_state = State::InFrame;
}

void MllpFrameDecoder::reportCorrupt(QList<Event>& events, qsizetype byteCount)
{
    events.append(errorEvent(Error::Corrupt, byteCount));
    m_buffer = QByteArray();
}

QList<MllpFrameDecoder::Event> MllpFrameDecoder::finish()
{
    QList<Event> events;
    if (m_junk > 0) {
        events.append(errorEvent(Error::Junk, m_junk));
        m_junk = 0;
    }
    return events;
}

bool MllpFrameDecoder::inFrame() const
{
    return m_state == State::InFrame || m_state == State::AfterEnd;
}

qsizetype MllpFrameDecoder::bufferedBytes() const
{
    return m_buffer.size();
}

void MllpFrameDecoder::reset()
{
    m_state = State::Outside;
    m_buffer = QByteArray();
    m_junk = 0;
}

QByteArray MllpFrameDecoder::wrap(QByteArrayView payload)
{
    QByteArray framed;
    framed.reserve(payload.size() + 3);
    framed.append(StartBlock);
    framed.append(payload);
    framed.append(EndBlock);
    framed.append(CarriageReturn);
    return framed;
}
