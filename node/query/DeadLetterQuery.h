#pragma once

#include "node/query/QueryConnection.h"
#include "node/query/QueryParams.h"
#include "node/query/QueryTypes.h"

#include <QStringList>

#include <mutex>
#include <optional>

/// The ops API's view of the dead-letter queue: lists newest first in keyset pages, failure groups
/// (same stage, error class and error location) with counts, and the members of a group for a bulk
/// resubmission. Reads its own read-only connection to the store; thread-safe, calls serialised.
/// Unit scope is by the dead letter's message; role checks are the caller's. Errors as in
/// MessageQuery: nullopt with an empty errorString is "not found".
class DeadLetterQuery
{
public:
    /// What makes a failure group. A null QString stands for "none recorded" (SQL NULL), which is
    /// not the same group as an empty one.
    struct Signature
    {
        QString stage;
        QString errorClass;
        QString errorLocation;
    };
    /// An opaque, stable, URL-safe text for a group: the same parts always give the same text.
    static QString encodeSignature(const Signature& signature);
    static std::optional<Signature> decodeSignature(const QString& text);

    bool open(const QString& storePath, QString* errorString = nullptr);
    void close();
    bool isOpen() const;

    static bool validate(const DeadLetterFilter& filter, QString* errorString = nullptr);

    std::optional<DeadLetterPage> find(const DeadLetterFilter& filter, QString* errorString = nullptr);
    /// The failure groups among the dead letters `filter` selects (its cursor, limit and signature
    /// aside), largest first.
    std::optional<QList<DeadLetterGroup>> groups(const DeadLetterFilter& filter, QString* errorString = nullptr);
    /// The dead letters of a group, oldest first (the order to resubmit them in, which keeps each
    /// patient's messages in order).
    std::optional<QList<qint64>> ids(const QString& signature, bool openOnly, QString* errorString = nullptr);
    /// The same, of the group's dead letters in `state` ("open", "parked", ...; empty: every state).
    std::optional<QList<qint64>> idsInState(const QString& signature, const QString& state,
                                            QString* errorString = nullptr);
    /// One dead letter with its bytes.
    std::optional<DeadLetter> deadLetter(
        qint64 id, const std::optional<QStringList>& units = std::nullopt, QString* errorString = nullptr);

    /// The SQLite query plan of find(filter)'s page query, or of groups(filter)'s (for tests).
    QStringList explain(const DeadLetterFilter& filter, bool groups = false, QString* errorString = nullptr);

private:
    enum class Purpose { Page, Groups };
    /// FROM and WHERE of the dead letters `filter` selects; empty `from` when none can match.
    void planSelection(const DeadLetterFilter& filter, Purpose purpose, QueryParams& params, QByteArray& from,
        QByteArray& where) const;
    void planPage(const DeadLetterFilter& filter, QueryParams& params, QByteArray& sql) const;
    void planGroups(const DeadLetterFilter& filter, QueryParams& params, QByteArray& sql) const;

    QueryConnection m_connection;
    std::mutex m_mutex;
};
