#pragma once

#include "tests/integration/IntegrationHelpers.h"
#include "tests/support/ApiClient.h"
#include "tests/support/NodeProcess.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

class MainWindow;
class NodeFleet;
class NodeSession;
class TokenVault;

/// A REAL vigil-node for the console's GUI tests (issue 6: "each against a real node"), with the
/// users and traffic the boards need:
/// - channel `hl7-in` (MLLP; an invalid message is ACKed and dead-lettered at validate), results
///   and ADT to the file destination `archive`; ADT^A08 also to `lab-down`, an MLLP destination
///   nothing listens on (1 attempt), so it dead-letters at deliver;
/// - alerts: the critical-result rule with policy `clinical-critical` (levels: unit; unit +
///   role:charge-nurse; role:charge-nurse + role:house-supervisor) every `escalationSeconds`;
/// - users: nina (nurse of ICU-3), olaf (nurse of 5A), sam (support), ada (admin); passwords from
///   OpsApiHelpers::password().
class ConsoleNodeFixture
{
public:

    static const QString NurseIcu;    ///< "nina", nurse of ICU-3
    static const QString NurseOther;  ///< "olaf", nurse of 5A
    static const QString Support;     ///< "sam"
    static const QString Admin;       ///< "ada"
    static const QString Unit;        ///< "ICU-3"

    ConsoleNodeFixture();
    ~ConsoleNodeFixture();

    /// Starts the node (a fixed API port, so restart() answers at the same address) and adds users.
    /// escalationSeconds: each escalation level's acknowledgement timeout.
    bool start(QString* errorString, int escalationSeconds = 120);
    NodeProcess& node() { return m_node; }
    quint16 apiPort() const { return m_node.port(QStringLiteral("http")); }
    QString dataDir() const { return m_tmp.path(); }

    /// Sends one message over MLLP to hl7-in and returns MSA-1 ("AA", "AE", …; empty: no answer).
    QString send(const QByteArray& message);
    /// A critical potassium result (OBX-8 HH) for `unit`: one clinical alert per (mrn, control id
    /// order). PV1-3 = unit^301^A.
    static QByteArray criticalPotassium(const QString& controlId, const QString& mrn,
                                        const QString& unit = QStringLiteral("ICU-3"),
                                        const QString& value = QStringLiteral("6.9"));
    /// An ADT^A01 without PID-3: dead-lettered at validate (hl7-101 at PID(1)-3).
    static QByteArray adtWithoutPatientId(const QString& controlId, const QString& unit = QStringLiteral("ICU-3"));
    /// An ADT^A08: delivered to archive, dead-lettered at deliver for lab-down.
    static QByteArray adtUpdate(const QString& controlId, const QString& mrn, const QString& unit = QStringLiteral("ICU-3"));

    /// The ops API as `user` (signed in), for a test's own assertions.
    ApiClient api(const QString& user);
    /// Polls GET pathAndQuery as `user` until its `items` has at least `count` entries; returns them.
    QJsonArray waitForItems(const QString& user, const QString& pathAndQuery, int count, int timeoutMs = 30000);

    /// A console (TokenVault without keychain, NodeFleet with its own settings and cache under this
    /// fixture's folder) with this node added (pinned) and `user` signed in; waits until the session
    /// is live. Creates a MainWindow too when withWindow. Returns nullptr with the reason on failure.
    struct Console {
        std::unique_ptr<TokenVault> vault;
        std::unique_ptr<NodeFleet> fleet;
        std::unique_ptr<MainWindow> window;
        NodeSession* session = nullptr;
        QString nodeId;
        ~Console();
    };
    std::unique_ptr<Console> console(const QString& user, bool withWindow, QString* errorString,
                                     const QString& name = QString());

private:
    QTemporaryDir m_tmp;
    NodeProcess m_node;
    int m_consoles = 0;
};
