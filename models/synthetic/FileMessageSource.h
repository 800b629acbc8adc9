#pragma once

#include "models/synthetic/SyntheticMessageFactory.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

#include <optional>

/// Messages read from files, for sending recorded or hand-written traffic instead of synthetic
/// messages. A file holds one message, or several separated by blank lines. Segment terminators are
/// normalised to CR (CRLF and LF are common in files, MLLP payloads use CR).
class FileMessageSource
{
public:
    bool load(const QStringList& paths, QString* errorString = nullptr);
    /// Splits file content into messages at blank (or whitespace-only) lines, CR-terminated.
    static QList<QByteArray> splitMessages(const QByteArray& content);

    qsizetype messageCount() const { return m_messages.size(); }
    /// The next message in file order; after the last one, starts over when cycle is true and
    /// returns nothing otherwise.
    std::optional<SyntheticMessageFactory::Generated> next(bool cycle);

private:
    QList<SyntheticMessageFactory::Generated> m_messages;
    qsizetype m_position = 0;
};
