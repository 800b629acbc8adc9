#include "node/store/IngestJournal.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

Q_LOGGING_CATEGORY(lcJournal, "vigil.node.store.journal")

namespace {

constexpr quint32 Magic = 0x314a4756; // "VGJ1"
constexpr int HeaderBytes = 4 + 4 + 8 + 4;
constexpr qint64 MaxRecordBytes = 256LL * 1024 * 1024;

void putU32(char* p, quint32 v)
{
    for (int i = 0; i < 4; ++i)
        p[i] = char(v >> (8 * i));
}

void putU64(char* p, quint64 v)
{
    for (int i = 0; i < 8; ++i)
        p[i] = char(v >> (8 * i));
}

quint32 getU32(const char* p)
{
    quint32 v = 0;
    for (int i = 0; i < 4; ++i)
        v |= quint32(quint8(p[i])) << (8 * i);
    return v;
}

quint64 getU64(const char* p)
{
    quint64 v = 0;
    for (int i = 0; i < 8; ++i)
        v |= quint64(quint8(p[i])) << (8 * i);
    return v;
}

quint32 crcOf(const char* data, qsizetype size)
{
    return quint32(crc32(crc32(0, nullptr, 0), reinterpret_cast<const Bytef*>(data), uInt(size)));
}

// Zero-filled ahead of use: overwriting allocated blocks needs no metadata in each fdatasync.
bool zeroFill(const QString& path)
{
    const QByteArray name = QFile::encodeName(path);
    const int fd = ::open(name.constData(), O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    const QByteArray zeros(1024 * 1024, '\0');
    bool ok = true;
    for (qint64 written = 0; ok && written < IngestJournal::SegmentBytes; written += zeros.size())
        ok = ::pwrite(fd, zeros.constData(), size_t(zeros.size()), written) == zeros.size();
    ok = ok && ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

QStringList segmentFiles(const QString& folder)
{
    return QDir(folder).entryList({QStringLiteral("journal-*.log")}, QDir::Files, QDir::Name);
}

} // namespace

IngestJournal::~IngestJournal()
{
    close();
}

QString IngestJournal::segmentPath(quint64 firstSequence) const
{
    return QDir(m_folder).filePath(QStringLiteral("journal-%1.log").arg(firstSequence, 20, 10, QLatin1Char('0')));
}

bool IngestJournal::readAll(const QString& folder, const std::function<void(quint64, const QByteArray&)>& visit,
                            QString* errorString)
{
    for (const QString& name : segmentFiles(folder)) {
        QFile file(QDir(folder).filePath(name));
        if (!file.open(QIODevice::ReadOnly)) {
            if (errorString)
                *errorString = QStringLiteral("cannot read journal %1: %2").arg(file.fileName(), file.errorString());
            return false;
        }
        const QByteArray data = file.readAll();
        qsizetype pos = 0;
        while (pos + HeaderBytes <= data.size()) {
            const char* h = data.constData() + pos;
            if (getU32(h) != Magic)
                break;
            const qint64 length = getU32(h + 4);
            if (length > MaxRecordBytes || pos + HeaderBytes + length > data.size())
                break;
            const quint64 sequence = getU64(h + 8);
            const char* payload = h + HeaderBytes;
            if (crcOf(payload, length) != getU32(h + 16))
                break; // torn: written but never synced, so never acknowledged
            visit(sequence, QByteArray(payload, length));
            pos += HeaderBytes + length;
        }
    }
    return true;
}

bool IngestJournal::open(const QString& folder, quint64 lastSequence, QString* errorString)
{
    m_folder = folder;
    if (!QDir().mkpath(folder)) {
        if (errorString)
            *errorString = QStringLiteral("cannot create the journal folder %1").arg(folder);
        return false;
    }
    m_sequence = lastSequence;
    // Segments left from before are all applied: the store replays and commits them before it
    // opens the journal for writing.
    for (const QString& name : segmentFiles(folder))
        QFile::remove(QDir(folder).filePath(name));
    QFile::remove(QDir(folder).filePath(QStringLiteral("next-segment.tmp")));
    return startSegment(errorString);
}

void IngestJournal::close()
{
    if (m_preparer.joinable())
        m_preparer.join();
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (!m_preparedPath.isEmpty())
        QFile::remove(m_preparedPath);
    m_preparedPath.clear();
}

bool IngestJournal::startSegment(QString* errorString)
{
    if (m_preparer.joinable())
        m_preparer.join();
    const QString path = segmentPath(m_sequence + 1);
    if (!m_preparedPath.isEmpty() && QFile::rename(m_preparedPath, path)) {
        m_preparedPath.clear();
    } else if (!zeroFill(path)) {
        if (errorString)
            *errorString = QStringLiteral("cannot create journal segment %1").arg(path);
        return false;
    }
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CLOEXEC);
    if (m_fd < 0) {
        if (errorString)
            *errorString = QStringLiteral("cannot open journal segment %1").arg(path);
        return false;
    }
    // The directory entry must be durable too, or a crash could lose the whole segment.
    const int dir = ::open(QFile::encodeName(m_folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    m_offset = 0;
    m_segments.append(Segment{path, m_sequence + 1, m_sequence});
    return true;
}

void IngestJournal::prepareNext()
{
    if (m_preparer.joinable() || !m_preparedPath.isEmpty())
        return;
    m_preparedPath = QDir(m_folder).filePath(QStringLiteral("next-segment.tmp"));
    const QString path = m_preparedPath;
    m_preparer = std::thread([path] { zeroFill(path); });
}

quint64 IngestJournal::append(const QByteArray& payload)
{
    return append([&payload](QByteArray& buffer) { buffer.append(payload); });
}

quint64 IngestJournal::append(const std::function<void(QByteArray& buffer)>& writePayload)
{
    const quint64 sequence = ++m_sequence;
    const qsizetype headerAt = m_buffer.size();
    m_buffer.resize(headerAt + HeaderBytes);
    writePayload(m_buffer);
    const qsizetype length = m_buffer.size() - headerAt - HeaderBytes;
    char* header = m_buffer.data() + headerAt;
    putU32(header, Magic);
    putU32(header + 4, quint32(length));
    putU64(header + 8, sequence);
    putU32(header + 16, crcOf(header + HeaderBytes, length));
    return sequence;
}

bool IngestJournal::sync(QString* errorString)
{
    if (m_buffer.isEmpty())
        return true;
    if (m_fd < 0 || (m_offset + m_buffer.size() > SegmentBytes && m_offset > 0)) {
        // The batch does not fit: it goes whole into a fresh segment (a record never spans two).
        const quint64 firstInBatch = m_segments.isEmpty() ? 1 : m_segments.last().lastSequence + 1;
        const quint64 saved = m_sequence;
        m_sequence = firstInBatch - 1;
        const bool ok = startSegment(errorString);
        m_sequence = saved;
        if (!ok)
            return false;
    }
    const qsizetype size = m_buffer.size();
    if (::pwrite(m_fd, m_buffer.constData(), size_t(size), m_offset) != size || ::fdatasync(m_fd) != 0) {
        if (errorString)
            *errorString = QStringLiteral("journal write failed: %1").arg(QString::fromLocal8Bit(strerror(errno)));
        clearBuffer();
        return false;
    }
    m_offset += size;
    clearBuffer();
    m_segments.last().lastSequence = m_sequence;
    if (m_offset > SegmentBytes / 2)
        prepareNext();
    return true;
}

void IngestJournal::clearBuffer()
{
    // Kept for the next batch (one allocation less per group commit) unless a burst of large
    // messages grew it.
    if (m_buffer.capacity() > 4 * 1024 * 1024)
        m_buffer = QByteArray();
    else
        m_buffer.resize(0);
}

void IngestJournal::dropThrough(quint64 sequence)
{
    while (m_segments.size() > 1 && m_segments.first().lastSequence <= sequence) {
        if (!QFile::remove(m_segments.first().path))
            qCWarning(lcJournal) << "cannot remove applied journal segment" << m_segments.first().path;
        m_segments.removeFirst();
    }
}
