#pragma once

#include <QString>
#include <QStringList>

/// One node the console knows: where it is, how to trust it, who signs in. Stored by NodeProfiles.
/// The token never lives here (it goes to the keychain); only what is safe in a settings file.
struct NodeProfile
{
    QString id;                ///< stable UUID (without braces); names the node's cache file and keychain entry
    QString displayName;       ///< unique among profiles (case-insensitive)
    QString site;              ///< free text for grouping ("Main campus")
    QString host;              ///< required: name or address, without scheme or port
    quint16 port = 0;          ///< 1-65535
    bool tls = true;           ///< false only for nodes run with --insecure-dev (docs/ops-api.md 1.3)
    QString pinnedFingerprint; ///< SHA-256 of the certificate's DER, "AA:BB:…"; empty until first confirmed
    QString userName;          ///< last user who signed in (pre-fills the sign-in dialog)
    /// The role and care units the node last confirmed for userName while a sign-in is kept; empty
    /// once signed out. A console started while the node is out of reach opens by them (a nurse on
    /// the alert board) until the node answers; the node checks every request itself regardless.
    QString roleName;
    QStringList units;

    /// A profile with a fresh UUID and the defaults above.
    static NodeProfile create();

    /// "host:port" ("[::1]:8443" for IPv6 literals), for display and as the pinning key.
    QString address() const;

    friend bool operator==(const NodeProfile&, const NodeProfile&) = default;
};
