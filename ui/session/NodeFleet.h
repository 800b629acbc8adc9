#pragma once

#include "models/console/NodeProfiles.h"
#include "ui/session/NodeSession.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QThread>

class AlertBoardModel;
class NodeListModel;
class OverviewModel;
class TokenVault;

/// Every configured node of this console: the profile list (QSettings), one NodeSession each, the
/// models they drive (NodeListModel, OverviewModel), the token vault and the cache thread.
/// The main window and the dialogs go through it to add, edit and remove nodes.
class NodeFleet : public QObject
{
    Q_OBJECT

public:
    /// settingsFile empty: the application's QSettings; else an INI file (tests, screenshots).
    /// cacheDir empty: <AppLocalDataLocation>/cache.
    NodeFleet(TokenVault* vault, const QString& settingsFile = QString(), const QString& cacheDir = QString(),
              QObject* parent = nullptr);
    ~NodeFleet() override;

    /// Loads the profiles and starts a session for each (cached data first, then the network).
    /// False with the reason when some stored profiles were unusable (the rest still load).
    bool load(QString* errorString = nullptr);

    const NodeProfiles& profiles() const { return m_profiles; }
    QList<NodeSession*> sessions() const { return m_order; }
    NodeSession* session(const QString& nodeId) const { return m_sessions.value(nodeId); }
    /// The session of the node at host:port, if any.
    NodeSession* sessionAt(const QString& host, quint16 port) const;
    NodeListModel* nodeList() const { return m_nodeList; }
    OverviewModel* overview() const { return m_overview; }
    /// Active alerts of every node (the alert and escalation boards' source).
    AlertBoardModel* alerts() const { return m_alerts; }
    TokenVault* vault() const { return m_vault; }

    /// Adds a profile (validated by NodeProfiles) and starts its session. Returns its id, empty
    /// when refused (the reason in errorString).
    QString addNode(const NodeProfile& profile, QString* errorString = nullptr);
    /// Saves an edited profile; a new address or pin reconnects.
    bool updateNode(const NodeProfile& profile, QString* errorString = nullptr);
    /// Forgets the node: its session, token and cache file.
    bool removeNode(const QString& nodeId, QString* errorString = nullptr);

    void setCacheMaxBytes(qint64 maxBytes);
    qint64 cacheMaxBytes() const { return m_cacheMaxBytes; }
    /// Health poll intervals of every session (tests use short ones).
    void setPollIntervals(int onlineMs, int offlineMs);
    void refreshAll();

signals:
    void sessionAdded(NodeSession* session);
    void sessionRemoved(const QString& nodeId);
    void certificateChanged(NodeSession* session, const QString& pinned, const QString& presented);
    void signInRequired(NodeSession* session, const QString& reason);
    void message(const QString& text);

private:
    /// Names a node that was added by address only after what it reports (see the .cpp).
    void adoptNodeName(NodeSession* session, const QString& nodeName);
    NodeSession* createSession(const NodeProfile& profile);
    bool saveProfiles(QString* errorString);

    TokenVault* m_vault = nullptr;
    QString m_settingsFile;
    QString m_cacheDir;
    qint64 m_cacheMaxBytes = 0;
    int m_pollOnlineMs = 15000;
    int m_pollOfflineMs = 5000;
    NodeProfiles m_profiles;
    NodeListModel* m_nodeList = nullptr;
    OverviewModel* m_overview = nullptr;
    AlertBoardModel* m_alerts = nullptr;
    QThread m_cacheThread;
    QHash<QString, NodeSession*> m_sessions;
    QList<NodeSession*> m_order;
};
