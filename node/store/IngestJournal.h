#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <thread>

/// The node's write-ahead journal for received messages: what makes an ACK safe to send. Records
/// are appended to pre-zeroed segment files and made durable with one fdatasync per group commit —
/// a message costs about one block of I/O instead of the ten or so B-tree pages its rows touch in
/// SQLite, which are written later, in bulk. After a crash the records the store has not applied yet
/// are read back and applied (MessageStore).
///
/// Record: magic "VGJ1", payload length, sequence number, CRC-32 of the payload, payload. A torn or
/// never-written record ends the readable journal; nothing after it was ever acknowledged.
class IngestJournal
{
public:
    static constexpr qint64 SegmentBytes = 64LL * 1024 * 1024;

    IngestJournal() = default;
    ~IngestJournal();
    IngestJournal(const IngestJournal&) = delete;
    IngestJournal& operator=(const IngestJournal&) = delete;

    /// Reads every intact record of every segment in `folder`, in sequence order.
    static bool readAll(const QString& folder, const std::function<void(quint64 sequence, const QByteArray& payload)>& visit,
                        QString* errorString);
    /// Starts a new segment after `lastSequence`; older segments stay until dropThrough().
    bool open(const QString& folder, quint64 lastSequence, QString* errorString);
    void close();

    /// Buffers a record; returns its sequence number.
    quint64 append(const QByteArray& payload);
    /// The same, with the payload written straight into the journal's buffer by `writePayload`
    /// (which only appends to the array it is given).
    quint64 append(const std::function<void(QByteArray& buffer)>& writePayload);
    /// Writes the buffered records and fdatasyncs them. false: nothing of this batch is durable.
    bool sync(QString* errorString);
    /// Deletes whole segments whose records all have sequence numbers <= sequence (already applied).
    void dropThrough(quint64 sequence);
    quint64 lastSequence() const { return m_sequence; }

private:
    struct Segment
    {
        QString path;
        quint64 firstSequence = 0;
        quint64 lastSequence = 0;
    };
    bool startSegment(QString* errorString);
    void prepareNext();
    void clearBuffer();
    QString segmentPath(quint64 firstSequence) const;

    QString m_folder;
    int m_fd = -1;
    qint64 m_offset = 0;
    quint64 m_sequence = 0;
    QByteArray m_buffer;
    QList<Segment> m_segments;                       ///< oldest first; the last one is being written
    std::thread m_preparer;                          ///< zero-fills the next segment ahead of need
    QString m_preparedPath;
};
