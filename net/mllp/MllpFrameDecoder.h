#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

/// Pure MLLP release 1 byte decoder (SEMANTICS.md 1.1 "decoder rules (ours)"): no sockets, no Qt
/// event loop, so it can be unit-tested at every split offset and fuzzed.
class MllpFrameDecoder
{
public:
    enum class Error { Junk, Oversize, Corrupt };
    struct Event
    {
        bool isFrame = true;
        QByteArray payload;                          ///< the bytes between SB and EB CR
        Error error = Error::Junk;                   ///< valid when !isFrame
        qsizetype byteCount = 0;                     ///< bytes discarded, for errors
    };

    explicit MllpFrameDecoder(qsizetype maxFrameBytes = 16 * 1024 * 1024);

    /// Consumes bytes and returns every completed frame and error, in order.
    QList<Event> feed(QByteArrayView bytes);
    /// True while a frame is open (SB seen, EB CR not yet): closing now truncates it.
    bool inFrame() const;
    qsizetype bufferedBytes() const;
    void reset();

    static constexpr char StartBlock = 0x0b;
    static constexpr char EndBlock = 0x1c;
    static constexpr char CarriageReturn = 0x0d;
    static QByteArray wrap(QByteArrayView payload);

private:
    enum class State { Outside, InFrame, AfterEnd, Discarding };
    State m_state = State::Outside;
    QByteArray m_buffer;
    qsizetype m_maxFrameBytes;
    qsizetype m_junk = 0;
};
