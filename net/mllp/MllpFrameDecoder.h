#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

/// Pure MLLP release 1 byte decoder (SEMANTICS.md 1.1 "decoder rules (ours)"): no sockets, no Qt
/// event loop, so it can be unit-tested at every split offset and fuzzed.
///
/// Rules, strict where the reference leaves a choice:
/// - Outside a frame every byte that is not SB (junk, NUL, the LF of a `1C 0D 0A` trailer) is discarded
///   and counted. The count is reported as one Junk event when the run ends (at the next SB, or by
///   finish()), so the events never depend on how the input was split into reads.
/// - In a body, `1C 0D` ends the frame. `1C` followed by anything else is Corrupt: the frame is dropped
///   and the decoder resynchronises at the next SB (the byte after `1C` is treated as outside the frame,
///   so `1C 0B` drops the frame and opens a new one). There is no lenient "EB alone ends data" mode.
/// - SB inside a body is Corrupt: the partial frame is dropped and the SB opens a new frame.
/// - A payload longer than maxFrameBytes is reported as Oversize once, as soon as the first byte over
///   the limit arrives; the rest of that frame is discarded silently up to its `1C 0D` or the next SB.
class MllpFrameDecoder
{
public:
    enum class Error { Junk, Oversize, Corrupt };
    struct Event
    {
        bool isFrame = true;
        QByteArray payload;                          ///< the bytes between SB and EB CR
        Error error = Error::Junk;                   ///< valid when !isFrame
        /// Bytes discarded, for errors. Junk: the bytes of the run. Corrupt: the dropped frame's SB, data
        /// and EB if seen. Oversize: payload bytes received when the limit was crossed (maxFrameBytes + 1).
        qsizetype byteCount = 0;

        friend bool operator==(const Event&, const Event&) = default;
    };

    explicit MllpFrameDecoder(qsizetype maxFrameBytes = 16 * 1024 * 1024);

    /// Consumes bytes and returns every completed frame and error, in order.
    QList<Event> feed(QByteArrayView bytes);
    /// End of input: returns the Junk event for a run still being counted, if any. Does not touch an open
    /// frame (see inFrame()).
    QList<Event> finish();
    /// True while a frame is open (SB seen, EB CR not yet): closing now truncates it.
    bool inFrame() const;
    qsizetype bufferedBytes() const;
    qsizetype maxFrameBytes() const { return m_maxFrameBytes; }
    void reset();

    static constexpr char StartBlock = 0x0b;
    static constexpr char EndBlock = 0x1c;
    static constexpr char CarriageReturn = 0x0d;
    static QByteArray wrap(QByteArrayView payload);

private:
    enum class State {
        Outside,           ///< counting junk until SB
        InFrame,           ///< collecting payload
        AfterEnd,          ///< EB seen, CR must follow
        Discarding,        ///< oversize frame: dropping until its EB CR or the next SB
        DiscardingAfterEnd ///< oversize frame: EB seen while dropping
    };

    const char* scanBody(const char* p, const char* end, QList<Event>& events);
    const char* scanDiscarding(const char* p, const char* end, QList<Event>& events);
    void openFrame(QList<Event>& events);
    void reportCorrupt(QList<Event>& events, qsizetype byteCount);

    State m_state = State::Outside;
    QByteArray m_buffer;
    qsizetype m_maxFrameBytes;
    qsizetype m_junk = 0;
};
