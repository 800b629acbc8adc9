#pragma once

#include "node/config/NodeConfig.h"

#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class ApiRouter;
class QHttpServer;
class QHttpServerResponder;
class QTcpServer;
class QWebSocket;

/// The node's one HTTP server (DESIGN.md section 4): HTTPS by default (a configured certificate, or
/// a self-signed one made on first start), the ops API under /api/v1 (ApiRouter), its WebSocket
/// stream at /api/v1/stream on the same port, FHIR channels under /fhir/<channel>, and /metrics +
/// /healthz for monitoring. Request sizes are capped before Qt reads a body (RequestSizeGuard).
class ApiServer : public QObject
{
    Q_OBJECT
public:
    using StreamHandler = std::function<void(QWebSocket*)>;
    using FhirHandler = std::function<void(const QHttpServerRequest&, QHttpServerResponder&&)>;

    ApiServer(const NodeConfig& config, ApiRouter& router, QObject* parent = nullptr);
    ~ApiServer() override;

    void setStreamHandler(StreamHandler handler) { m_streamHandler = std::move(handler); }
    void setFhirHandler(FhirHandler handler) { m_fhirHandler = std::move(handler); }
    /// A public GET endpoint outside /api (monitoring: /metrics, /healthz).
    void addMonitoringRoute(const QString& path, std::function<QHttpServerResponse()> handler);

    /// Loads or creates the certificate, then listens on node.http.
    bool listen(QString* errorString);
    void close();
    quint16 port() const;
    QString host() const;
    bool isSecure() const { return !m_config.api.insecureDev; }
    /// SHA-256 fingerprint of the certificate served ("AB:CD:..."), empty in --insecure-dev.
    const QString& fingerprint() const { return m_fingerprint; }
    /// True when listen() created the self-signed certificate on this start.
    bool createdCertificate() const { return m_createdCertificate; }

private:
    void onWebSocket();

    const NodeConfig& m_config;
    ApiRouter& m_router;
    std::unique_ptr<QHttpServer> m_http;
    QTcpServer* m_listener = nullptr;
    StreamHandler m_streamHandler;
    FhirHandler m_fhirHandler;
    QString m_fingerprint;
    bool m_createdCertificate = false;
};
