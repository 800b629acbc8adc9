#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

/// Keeps each node's bearer token in the desktop keychain (QtKeychain: Secret Service, KWallet, macOS
/// Keychain, Windows Credential Store) under service "vigil-console", key = node profile id.
///
/// Where no keychain service runs (a job fails with NoBackendAvailable or OtherError — the case on a
/// headless machine or under Xvfb in CI), the vault falls back to keeping tokens in memory for this run
/// only and says so once through fallbackEngaged(). It never uses QtKeychain's insecure fallback, so a
/// token is never written to disk in clear, and it never logs a token.
class TokenVault : public QObject
{
    Q_OBJECT

public:
    using ReadCallback = std::function<void(const QString& token)>;

    explicit TokenVault(const QString& service = QStringLiteral("vigil-console"), QObject* parent = nullptr);

    /// Reads the token of a node; the callback gets an empty string when there is none (or the
    /// keychain refused). Runs once, later, only while `context` lives.
    void readToken(const QString& nodeId, QObject* context, ReadCallback callback);
    /// Stores (replaces) the token of a node. An empty token removes it.
    void storeToken(const QString& nodeId, const QString& token);
    /// Forgets the token of a node (sign-out, node removed, 401).
    void removeToken(const QString& nodeId);

    /// Tokens are kept in memory only (no keychain service). Once true, stays true for this run.
    bool isFallbackActive() const { return m_fallback; }
    /// Skips the keychain altogether (tests, --no-keychain): engages the fallback at once.
    void forceMemoryOnly(const QString& reason);
    /// The sentence shown when the fallback engaged.
    static QString fallbackMessage();

signals:
    /// The keychain is unavailable: tokens live in memory for this run only. Emitted once.
    void fallbackEngaged(const QString& message);
    /// A keychain operation failed for another reason (access denied...), in plain words.
    void keychainError(const QString& message);

private:
    void engageFallback(const QString& why);
    bool isNoServiceError(int error) const;

    QString m_service;
    bool m_fallback = false;
    QHash<QString, QString> m_memory; // node id -> token, this run only
};
