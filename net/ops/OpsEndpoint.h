#pragma once

#include <QString>
#include <QtGlobal>

/// Where one node's ops API lives and which certificate it must present (docs/ops-api.md 1.2).
struct OpsEndpoint
{
    QString host;
    quint16 port = 0;
    /// false only for a node started with --insecure-dev (plain http/ws, no pinning).
    bool tls = true;
    /// SHA-256 over the DER of the node's certificate, "AB:CD:..." upper-case hex pairs, exactly as the
    /// node prints it in its "api-certificate sha256" line. Empty: not pinned yet, so every TLS
    /// request is refused (probe it with OpsClient::probeFingerprint and let the user confirm first).
    QString pinnedFingerprint;

    /// "https://host:port" ("http://" without TLS; IPv6 hosts in brackets), no trailing slash.
    QString baseUrl() const;
    /// "wss://host:port/api/v1/stream" ("ws://" without TLS).
    QString streamUrl() const;
    /// "host:port" for messages to people.
    QString displayAddress() const;

    bool operator==(const OpsEndpoint&) const = default;
};
