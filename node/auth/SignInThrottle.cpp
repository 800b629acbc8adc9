#include "node/auth/SignInThrottle.h"

#include <algorithm>
#include <vector>

namespace {

// Longer keys are cut: nobody's name or address is this long, and a flood of huge names must not
// grow memory beyond maxEntries times this.
constexpr qsizetype MaxKeyLength = 128;

} // namespace

SignInThrottle::SignInThrottle(std::function<qint64()> nowMs, int failuresBeforeDelay, int lockoutSeconds,
                               int maxEntries)
    : m_nowMs(std::move(nowMs))
    , m_failuresBeforeDelay(std::max(1, failuresBeforeDelay))
    , m_lockoutMs(qint64(std::max(1, lockoutSeconds)) * 1000)
    , m_maxEntries(std::max(1, maxEntries))
{
}

std::optional<int> SignInThrottle::retryAfterSeconds(const QString& user, const QString& remote) const
{
    const qint64 now = m_nowMs();
    const qint64 wait = std::max(waitMs(m_byUser, userKey(user), now),
                                 waitMs(m_byRemote, remote.left(MaxKeyLength), now));
    if (wait <= 0)
        return std::nullopt;
    return int((wait + 999) / 1000);
}

void SignInThrottle::recordFailure(const QString& user, const QString& remote)
{
    const qint64 now = m_nowMs();
    fail(m_byUser, userKey(user), now);
    if (!remote.isEmpty())
        fail(m_byRemote, remote.left(MaxKeyLength), now);
}

void SignInThrottle::recordSuccess(const QString& user, const QString& remote)
{
    m_byUser.remove(userKey(user));
    // Also resets the address: on a shared ward workstation one nurse's typos must not keep
    // slowing down the next. Guessing at other accounts stays throttled by their user keys.
    m_byRemote.remove(remote.left(MaxKeyLength));
}

QString SignInThrottle::userKey(const QString& user)
{
    return user.left(MaxKeyLength).toLower();
}

qint64 SignInThrottle::delayMs(const Entry& entry) const
{
    if (entry.failures < m_failuresBeforeDelay)
        return 0;
    const int doublings = entry.failures - m_failuresBeforeDelay;
    if (doublings >= 30)
        return m_lockoutMs;
    return std::min(qint64(1000) << doublings, m_lockoutMs);
}

bool SignInThrottle::isQuiet(const Entry& entry, qint64 now) const
{
    return now - entry.lastFailureMs >= 2 * m_lockoutMs;
}

qint64 SignInThrottle::waitMs(const Table& table, const QString& key, qint64 now) const
{
    const auto it = table.constFind(key);
    if (it == table.cend() || isQuiet(*it, now))
        return 0;
    return it->lastFailureMs + delayMs(*it) - now;
}

void SignInThrottle::fail(Table& table, const QString& key, qint64 now)
{
    Entry& entry = table[key];
    if (entry.failures > 0 && isQuiet(entry, now))
        entry.failures = 0;
    ++entry.failures;
    entry.lastFailureMs = now;
    if (table.size() > m_maxEntries)
        trim(table, key, now);
}

void SignInThrottle::trim(Table& table, const QString& keep, qint64 now)
{
    for (auto it = table.begin(); it != table.end();) {
        if (isQuiet(*it, now))
            it = table.erase(it);
        else
            ++it;
    }
    if (table.size() <= m_maxEntries)
        return;
    // Still full of live keys (a flood): drop the oldest tenth at once so the next inserts do not
    // each pay for a scan.
    std::vector<std::pair<qint64, QString>> byAge;
    byAge.reserve(size_t(table.size()));
    for (auto it = table.cbegin(); it != table.cend(); ++it) {
        if (it.key() != keep)
            byAge.emplace_back(it->lastFailureMs, it.key());
    }
    const qsizetype target = m_maxEntries - m_maxEntries / 10;
    const size_t excess = std::min(byAge.size(), size_t(std::max<qsizetype>(1, table.size() - target)));
    std::nth_element(byAge.begin(), byAge.begin() + qsizetype(excess), byAge.end());
    for (size_t i = 0; i < excess; ++i)
        table.remove(byAge[i].second);
}
