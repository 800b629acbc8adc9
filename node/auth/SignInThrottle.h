#pragma once

#include <QHash>
#include <QString>

#include <functional>
#include <optional>

/// Slows down password guessing. Failures are counted per user name (case-insensitive) and,
/// separately, per remote address, so neither many guesses at one account from many addresses
/// nor one address trying many accounts goes fast. After `failuresBeforeDelay` failures on a key,
/// the next attempt must wait 1 s after the last failure, then 2 s, 4 s, ... up to
/// `lockoutSeconds`. A success resets both keys. A key that has been quiet for twice
/// `lockoutSeconds` starts again from zero.
///
/// Unknown user names are counted like real ones (so throttling reveals nothing about which names
/// exist). The caller checks retryAfterSeconds() first and, while it says wait, answers 429 without
/// checking the password and without recording another failure.
///
/// In memory only (a restart forgets), main thread only, at most `maxEntries` keys of each kind:
/// beyond that the quiet keys go first, then the oldest.
class SignInThrottle
{
public:
    SignInThrottle(std::function<qint64()> nowMs, int failuresBeforeDelay, int lockoutSeconds,
                   int maxEntries = 10000);

    /// Seconds to wait before the next attempt may be checked (rounded up), or nullopt: go ahead.
    std::optional<int> retryAfterSeconds(const QString& user, const QString& remote) const;
    void recordFailure(const QString& user, const QString& remote);
    void recordSuccess(const QString& user, const QString& remote);

    /// Keys currently tracked (users plus remotes); for tests of the memory bound.
    int trackedEntries() const { return int(m_byUser.size() + m_byRemote.size()); }

private:
    struct Entry
    {
        int failures = 0;
        qint64 lastFailureMs = 0;
    };
    using Table = QHash<QString, Entry>;

    static QString userKey(const QString& user);
    qint64 delayMs(const Entry& entry) const;
    bool isQuiet(const Entry& entry, qint64 now) const;
    qint64 waitMs(const Table& table, const QString& key, qint64 now) const;
    void fail(Table& table, const QString& key, qint64 now);
    void trim(Table& table, const QString& keep, qint64 now);

    std::function<qint64()> m_nowMs;
    int m_failuresBeforeDelay;
    qint64 m_lockoutMs;
    int m_maxEntries;
    Table m_byUser;
    Table m_byRemote;
};
