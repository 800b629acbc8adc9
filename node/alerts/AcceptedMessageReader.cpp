#include "node/alerts/AcceptedMessageReader.h"

bool AcceptedMessageReader::open(const QString& storePath, QString* errorString)
{
    return m_db.open(storePath, true, errorString);
}

QList<AcceptedMessage> AcceptedMessageReader::after(qint64 afterId, int limit)
{
    QList<AcceptedMessage> messages;
    auto statement = m_db.prepare("SELECT id, correlation_id, channel, format, msg_type, trigger_event, unit, raw,"
                                  " received_at FROM messages WHERE id > ? AND state = 'accepted' ORDER BY id LIMIT ?");
    statement.bind(1, afterId).bind(2, limit);
    while (statement.next()) {
        AcceptedMessage m;
        m.messageId = statement.int64(0);
        m.correlationId = statement.textUtf8(1);
        m.channel = statement.text(2);
        m.format = statement.text(3);
        m.messageType = statement.text(4);
        m.triggerEvent = statement.text(5);
        m.unit = statement.text(6);
        m.raw = statement.blob(7);
        m.receivedAtMs = statement.int64(8);
        messages.append(m);
    }
    return messages;
}
