#include "node/delivery/FileDestinationSender.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace {

constexpr int kMaxControlIdChars = 64;
constexpr int kMaxNameChars = 200; // leaves room for a suffix within NAME_MAX (255)
constexpr int kMaxSuffix = 1000;

QString sanitized(const QString& text, int maxChars)
{
    QString out;
    out.reserve(std::min<qsizetype>(text.size(), maxChars));
    for (const QChar c : text) {
        if (out.size() >= maxChars)
            break;
        const bool allowed = (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9')
            || c == u'.' || c == u'_' || c == u'-';
        out.append(allowed ? c : QChar(u'_'));
    }
    return out;
}

QString withSuffix(const QString& name, int n)
{
    if (n == 0)
        return name;
    // Keep the extension last so that partners filtering on "*.hl7" still see the file.
    const qsizetype dot = name.lastIndexOf(u'.');
    const QString suffix = u'_' + QString::number(n);
    if (dot <= 0)
        return name + suffix;
    return name.left(dot) + suffix + name.mid(dot);
}

enum class Existing { Absent, Same, Different, Unreadable };

Existing compareExisting(const QString& path, const QByteArray& payload)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Existing::Absent;
    if (!info.isFile() || info.size() != payload.size())
        return Existing::Different;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Existing::Unreadable;
    return file.readAll() == payload ? Existing::Same : Existing::Different;
}

// QSaveFile fsyncs the file before the rename; the rename itself is durable only once the directory is.
bool syncDirectory(const QString& directory)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(directory).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
#else
    Q_UNUSED(directory)
    return true;
#endif
}

DeliveryOutcome ioFailure(const QString& detail)
{
    DeliveryOutcome outcome;
    outcome.kind = DeliveryOutcome::Kind::Transient;
    outcome.errorClass = QStringLiteral("io");
    outcome.detail = detail;
    return outcome;
}

} // namespace

FileDestinationSender::FileDestinationSender(const QString& directory, const QString& fileNamePattern, QObject* parent)
    : DestinationSender(parent)
    , m_directory(QDir::cleanPath(directory))
    , m_pattern(fileNamePattern)
{
}

void FileDestinationSender::send(const OutboundMessage& message)
{
    QElapsedTimer timer;
    timer.start();
    DeliveryOutcome outcome = write(message);
    outcome.durationMs = timer.elapsed();
    const qint64 queueId = message.queueId;
    QMetaObject::invokeMethod(
        this, [this, queueId, outcome] { emit finished(queueId, outcome); }, Qt::QueuedConnection);
}

QString FileDestinationSender::describe() const
{
    return u"file "_s + m_directory;
}

QString FileDestinationSender::fileNameFor(const OutboundMessage& message) const
{
    const QString received
        = QDateTime::fromMSecsSinceEpoch(message.receivedAtMs, Qt::UTC).toString(QStringLiteral("yyyyMMddTHHmmsszzz"));
    QString name = m_pattern;
    name.replace(QStringLiteral("{received}"), received);
    name.replace(QStringLiteral("{controlId}"), sanitized(message.controlId, kMaxControlIdChars));
    name.replace(QStringLiteral("{id}"), QString::number(message.messageId));
    name.replace(QStringLiteral("{correlationId}"), sanitized(QString::fromLatin1(message.correlationId), 32));
    // The pattern is operator-written; whatever it holds, the result stays one plain name in the directory.
    name = sanitized(name, kMaxNameChars);
    if (name.isEmpty() || name.startsWith(u'.'))
        name.prepend(u"msg"_s);
    return name;
}

DeliveryOutcome FileDestinationSender::write(const OutboundMessage& message) const
{
    QDir dir(m_directory);
    if (!dir.exists() && !dir.mkpath(QStringLiteral("."))) {
        return ioFailure(u"cannot create directory "_s + m_directory);
    }

    const QString baseName = fileNameFor(message);
    for (int n = 0; n <= kMaxSuffix; ++n) {
        const QString path = dir.filePath(withSuffix(baseName, n));
        switch (compareExisting(path, message.payload)) {
        case Existing::Same: {
            DeliveryOutcome outcome;
            outcome.kind = DeliveryOutcome::Kind::Delivered;
            outcome.detail = u"already present as "_s + QFileInfo(path).fileName();
            return outcome;
        }
        case Existing::Different:
            continue;
        case Existing::Unreadable:
            return ioFailure(u"cannot read existing file "_s + path);
        case Existing::Absent:
            break;
        }

        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return ioFailure(u"cannot open "_s + path + u": "_s + file.errorString());
        if (file.write(message.payload) != message.payload.size()) {
            const QString error = file.errorString();
            file.cancelWriting();
            return ioFailure(u"cannot write "_s + path + u": "_s + error);
        }
        if (!file.commit())
            return ioFailure(u"cannot commit "_s + path + u": "_s + file.errorString());
        if (!syncDirectory(m_directory))
            return ioFailure(u"cannot sync directory "_s + m_directory);

        DeliveryOutcome outcome;
        outcome.kind = DeliveryOutcome::Kind::Delivered;
        outcome.detail = u"written as "_s + QFileInfo(path).fileName();
        return outcome;
    }
    return ioFailure(u"no free file name for "_s + baseName);
}
