#include "models/synthetic/FileMessageSource.h"

#include "models/hl7/Hl7Message.h"

#include <QFile>

using namespace Qt::StringLiterals;

bool FileMessageSource::load(const QStringList& paths, QString* errorString)
{
    QList<SyntheticMessageFactory::Generated> loaded;
    for (const QString& path : paths) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            if (errorString)
                *errorString = u"cannot read %1: %2"_s.arg(path, file.errorString());
            return false;
        }
        const QList<QByteArray> messages = splitMessages(file.readAll());
        for (const QByteArray& payload : messages) {
            SyntheticMessageFactory::Generated g;
            g.payload = payload;
            const Hl7Message::ParseResult parsed = Hl7Message::parse(payload);
            if (parsed.ok()) {
                g.kind = parsed.message->messageType() % u'^' % parsed.message->triggerEvent();
                g.controlId = parsed.message->controlId();
            } else {
                g.kind = u"unparsed"_s;
                g.malformed = true;
                g.ackExpected = payload.startsWith("MSH");
            }
            loaded.append(g);
        }
    }
    if (loaded.isEmpty()) {
        if (errorString)
            *errorString = u"no messages in the given files"_s;
        return false;
    }
    m_messages = loaded;
    m_position = 0;
    return true;
}

QList<QByteArray> FileMessageSource::splitMessages(const QByteArray& content)
{
    QByteArray text = content;
    text.replace("\r\n", "\r");
    text.replace('\n', '\r');
    QList<QByteArray> messages;
    QByteArray current;
    const QList<QByteArray> lines = text.split('\r');
    for (const QByteArray& line : lines) {
        if (line.trimmed().isEmpty()) {
            if (!current.isEmpty())
                messages.append(current);
            current.clear();
            continue;
        }
        current += line;
        current += '\r';
    }
    if (!current.isEmpty())
        messages.append(current);
    return messages;
}

std::optional<SyntheticMessageFactory::Generated> FileMessageSource::next(bool cycle)
{
    if (m_messages.isEmpty())
        return std::nullopt;
    if (m_position >= m_messages.size()) {
        if (!cycle)
            return std::nullopt;
        m_position = 0;
    }
    return m_messages[m_position++];
}
