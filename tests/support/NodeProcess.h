#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

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
    /// GET http://127.0.0.1:<http port><path> (blocking, small event loop); the body.
    QByteArray httpGet(const QString& path) const;
    QByteArray metrics() const { return httpGet(QStringLiteral("/metrics")); }
    /// One sample value from /metrics, e.g. metric("vigil_queue_depth{destination=\"ehr\"}").
    double metric(const QByteArray& seriesPrefix) const;

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
};
