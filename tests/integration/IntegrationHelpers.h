#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QTcpServer>

#include <memory>

/// Shared pieces of the integration tests: synthetic messages, node configs, a real
/// `vigil-feed sink` downstream process.
namespace IntegrationHelpers {

/// A small valid ADT^A01 (synthetic patient) with the given MSH-10.
inline QByteArray adtA01(const QString& controlId, const QString& mrn = QStringLiteral("MRN0001"))
{
    return QStringLiteral("MSH|^~\\&|TESTAPP|TESTFAC|VIGIL|HOSP|20261126120000||ADT^A01^ADT_A01|%1|P|2.5.1\r"
                          "EVN|A01|20261126120000\r"
                          "PID|1||%2^^^HOSP^MR||DOE^JANE||19800101|F\r"
                          "PV1|1|I|4B^12^1\r")
        .arg(controlId, mrn)
        .toUtf8();
}

/// A port nothing listens on right now (for a destination that is down).
inline quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

inline QJsonObject channel(const QString& name, const QString& onInvalid = QStringLiteral("nak"))
{
    return QJsonObject{{QStringLiteral("name"), name},
                       {QStringLiteral("kind"), QStringLiteral("mllp")},
                       {QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                       {QStringLiteral("port"), 0},
                       {QStringLiteral("acceptMessageTypes"), QJsonArray{QStringLiteral("*")}},
                       {QStringLiteral("onInvalid"), onInvalid}};
}

inline QJsonObject mllpDestination(const QString& name, quint16 port, int maxAttempts = 0)
{
    return QJsonObject{
        {QStringLiteral("name"), name},
        {QStringLiteral("kind"), QStringLiteral("mllp")},
        {QStringLiteral("host"), QStringLiteral("127.0.0.1")},
        {QStringLiteral("port"), int(port)},
        {QStringLiteral("ackTimeoutMs"), 5000},
        {QStringLiteral("connectTimeoutMs"), 1000},
        {QStringLiteral("retry"),
         QJsonObject{{QStringLiteral("initialDelayMs"), 100}, {QStringLiteral("maxDelayMs"), 500},
                     {QStringLiteral("maxAttempts"), maxAttempts}}},
        {QStringLiteral("breaker"),
         QJsonObject{{QStringLiteral("failureThreshold"), 3}, {QStringLiteral("openSeconds"), 1}}}};
}

inline QJsonObject fileDestination(const QString& name, const QString& directory)
{
    return QJsonObject{{QStringLiteral("name"), name},
                       {QStringLiteral("kind"), QStringLiteral("file")},
                       {QStringLiteral("directory"), directory}};
}

inline QJsonObject routeAll(const QStringList& destinations)
{
    return QJsonObject{{QStringLiteral("name"), QStringLiteral("everything")},
                       {QStringLiteral("destinations"), QJsonArray::fromStringList(destinations)}};
}

inline QJsonObject nodeConfig(const QJsonArray& channels, const QJsonArray& destinations, const QJsonArray& routes)
{
    return QJsonObject{{QStringLiteral("version"), 1},
                       {QStringLiteral("node"),
                        QJsonObject{{QStringLiteral("id"), QStringLiteral("it-node")},
                                    {QStringLiteral("http"), QJsonObject{{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                                                                         {QStringLiteral("port"), 0}}}}},
                       {QStringLiteral("channels"), channels},
                       {QStringLiteral("destinations"), destinations},
                       {QStringLiteral("routes"), routes}};
}

/// The usual test node: channel "hl7-in" routing everything to the MLLP destination "ehr" on port.
inline QJsonObject hl7InToEhr(quint16 port)
{
    return nodeConfig({channel(QStringLiteral("hl7-in"))}, {mllpDestination(QStringLiteral("ehr"), port)},
                      {routeAll({QStringLiteral("ehr")})});
}

/// A real downstream system: `vigil-feed sink` recording each received MSH-10 in a file.
class Sink
{
public:
    Sink() = default;
    ~Sink() { stop(); }
    Sink(const Sink&) = delete;
    Sink& operator=(const Sink&) = delete;
    bool start(quint16 port, const QString& recordFile, const QStringList& extra = {});
    void stop();
    quint16 port() const { return m_port; }
    QStringList received() const;                    ///< MSH-10s in arrival order
    QByteArray log() const;

private:
    std::unique_ptr<QProcess> m_process;
    QString m_record;
    quint16 m_port = 0;
    QByteArray m_output;
};

} // namespace IntegrationHelpers
