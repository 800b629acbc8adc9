#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include "tests/support/ApiClient.h"

#include <memory>

/// A real vigil-node process for integration tests: writes the config into its own temporary
/// folder, starts the binary named by $VIGIL_NODE_BIN on 127.0.0.1 with port 0 everywhere, and reads
/// the "listening <kind> <name> <host>:<port>" lines to learn the ports.
class NodeProcess
{
public:
    NodeProcess();
    ~NodeProcess();

    /// Starts the node with this config (node.dataDir is set to the test's folder). Waits until
    /// every listener is announced. Returns false with the node's stderr in errorString.
    bool start(const QJsonObject& config, QString* errorString, const QStringList& extraArgs = {});
    /// Starts again with the same config and data folder (after stop or kill).
    bool restart(QString* errorString);
    /// SIGTERM and wait for a clean exit; returns the exit code (or -1 on timeout/crash).
    int terminate(int timeoutMs = 20000);
    /// SIGKILL: no chance to flush anything.
    void kill();

    quint16 port(const QString& listenerName) const;  ///< "hl7-in", "metrics", ...
    QString dataDir() const;
    QString storePath() const;
    QByteArray standardError() const;
    QByteArray standardOutput() const;
    bool isRunning() const;
    qint64 processId() const;                        ///< 0 when not running
    /// GET https://127.0.0.1:<http port><path> (http with --insecure-dev), pinning the node's
    /// announced certificate (blocking, small event loop); the body.
    QByteArray httpGet(const QString& path) const;
    /// A client of this node's ops API (HTTPS pinned to its certificate).
    ApiClient api() const;
    /// The SHA-256 fingerprint the node announced ("api-certificate sha256 ..."); empty over plain HTTP.
    const QString& fingerprint() const { return m_fingerprint; }
    bool isSecure() const { return m_secure; }
    QByteArray metrics() const { return httpGet(QStringLiteral("/metrics")); }
    /// One sample value from /metrics, e.g. metric("vigil_queue_depth{destination=\"ehr\"}").
    double metric(const QByteArray& seriesPrefix) const;

    /// `vigil-node <args...> --data-dir <this node's data folder>` (e.g. {"user", "disable", "bob"}),
    /// with `input` on its standard input; works while the node runs. Returns the exit code (-1 when
    /// it did not run to the end); stdout and stderr go to `output`.
    int adminCommand(const QStringList& args, const QByteArray& input = {}, QByteArray* output = nullptr) const;
    /// `vigil-node user add NAME --role ROLE [--unit U]... --password-stdin`; false with the command's
    /// output in errorString.
    bool addUser(const QString& name, const QString& role, const QStringList& units, const QString& password,
                 QString* errorString = nullptr) const;

    static QString nodeBinary();
    static QString feedBinary();

private:
    bool launch(QString* errorString);

    QTemporaryDir m_dir;
    QJsonObject m_config;
    QStringList m_extraArgs;
    std::unique_ptr<QProcess> m_process;
    QHash<QString, quint16> m_ports;
    QByteArray m_stdout;
    QByteArray m_stderr;
    QString m_fingerprint;
    bool m_secure = true;
};
