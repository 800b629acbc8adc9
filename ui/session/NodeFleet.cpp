#include "ui/session/NodeFleet.h"

#include "models/console/ConsoleCache.h"
#include "models/console/NodeListModel.h"
#include "models/console/AlertBoardModel.h"
#include "models/console/OverviewModel.h"
#include "ui/session/TokenVault.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>

NodeFleet::NodeFleet(TokenVault* vault, const QString& settingsFile, const QString& cacheDir, QObject* parent)
    : QObject(parent)
    , m_vault(vault)
    , m_settingsFile(settingsFile)
    , m_cacheDir(cacheDir)
    , m_nodeList(new NodeListModel(this))
    , m_overview(new OverviewModel(this))
    , m_alerts(new AlertBoardModel(this))
{
    if (m_cacheDir.isEmpty())
        m_cacheDir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + u"/cache";
    QDir().mkpath(m_cacheDir);
    m_cacheThread.setObjectName(QStringLiteral("vigil-cache"));
    m_cacheThread.start();
}

NodeFleet::~NodeFleet()
{
    // Sessions close their cache connections on the cache thread, so they go before it stops.
    const QList<NodeSession*> sessions = m_order;
    m_order.clear();
    m_sessions.clear();
    qDeleteAll(sessions);
    m_cacheThread.quit();
    m_cacheThread.wait();
}

bool NodeFleet::load(QString* errorString)
{
    bool ok;
    if (m_settingsFile.isEmpty()) {
        QSettings settings;
        ok = m_profiles.load(settings, errorString);
    } else {
        ok = m_profiles.load(m_settingsFile, errorString);
    }
    for (const NodeProfile& profile : m_profiles.profiles()) {
        if (!m_sessions.contains(profile.id))
            createSession(profile)->start();
    }
    return ok;
}

bool NodeFleet::saveProfiles(QString* errorString)
{
    if (m_settingsFile.isEmpty()) {
        QSettings settings;
        return m_profiles.save(settings, errorString);
    }
    return m_profiles.save(m_settingsFile, errorString);
}

NodeSession* NodeFleet::sessionAt(const QString& host, quint16 port) const
{
    for (NodeSession* session : m_order) {
        if (session->profile().host.compare(host, Qt::CaseInsensitive) == 0 && session->profile().port == port)
            return session;
    }
    return nullptr;
}

NodeSession* NodeFleet::createSession(const NodeProfile& profile)
{
    NodeSessionContext context;
    context.vault = m_vault;
    context.nodes = m_nodeList;
    context.overview = m_overview;
    context.alerts = m_alerts;
    context.cacheThread = &m_cacheThread;
    context.cacheDir = m_cacheDir;
    context.cacheMaxBytes = m_cacheMaxBytes;

    NodeListModel::Node node;
    node.nodeId = profile.id;
    node.displayName = profile.displayName;
    node.site = profile.site;
    m_nodeList->addNode(node);

    auto* session = new NodeSession(profile, context, this);
    session->setPollIntervals(m_pollOnlineMs, m_pollOfflineMs);
    m_sessions.insert(profile.id, session);
    m_order.append(session);
    connect(session, &NodeSession::certificateChanged, this,
            [this, session](const QString& pinned, const QString& presented) {
                emit certificateChanged(session, pinned, presented);
            });
    connect(session, &NodeSession::signInRequired, this,
            [this, session](const QString& reason) { emit signInRequired(session, reason); });
    connect(session, &NodeSession::message, this, &NodeFleet::message);
    connect(session, &NodeSession::nodeIdentified, this, [this, session](const QString& nodeName) {
        adoptNodeName(session, nodeName);
    });
    connect(session, &NodeSession::profileChanged, this, [this](const NodeProfile& changed) {
        QString error;
        if (!m_profiles.update(changed, &error) || !saveProfiles(&error))
            emit message(error);
    });
    emit sessionAdded(session);
    return session;
}

QString NodeFleet::addNode(const NodeProfile& profile, QString* errorString)
{
    const QString id = m_profiles.add(profile, errorString);
    if (id.isEmpty())
        return id;
    if (!saveProfiles(errorString)) {
        m_profiles.remove(id);
        return QString();
    }
    createSession(*m_profiles.find(id))->start();
    return id;
}

void NodeFleet::adoptNodeName(NodeSession* session, const QString& nodeName)
{
    // A node added without a name (by address, e.g. with --node) shows what it calls itself
    // ("demo-node") rather than "127.0.0.1:40313"; a name someone typed is never replaced, and
    // neither is the address when another node already has that name.
    NodeProfile profile = session->profile();
    if (profile.displayName != profile.address() || nodeName == profile.displayName)
        return;
    profile.displayName = nodeName;
    if (m_profiles.validate(profile) != NodeProfiles::Problem::None)
        return;
    QString error;
    if (!updateNode(profile, &error))
        emit message(error);
}

bool NodeFleet::updateNode(const NodeProfile& profile, QString* errorString)
{
    if (!m_profiles.update(profile, errorString) || !saveProfiles(errorString))
        return false;
    if (NodeSession* session = m_sessions.value(profile.id))
        session->setProfile(*m_profiles.find(profile.id));
    return true;
}

bool NodeFleet::removeNode(const QString& nodeId, QString* errorString)
{
    if (!m_profiles.remove(nodeId, errorString) || !saveProfiles(errorString))
        return false;
    if (NodeSession* session = m_sessions.take(nodeId)) {
        m_order.removeOne(session);
        session->stop();
        delete session; // closes its cache file first
    }
    m_vault->removeToken(nodeId);
    m_nodeList->removeNode(nodeId);
    m_overview->removeNode(nodeId);
    m_alerts->removeNode(nodeId);
    ConsoleCache::removeFiles(QDir(m_cacheDir).filePath(nodeId + u".sqlite"));
    // Its pending actions go with it: they can never be sent once the node is forgotten.
    for (const QString suffix : {QStringLiteral(".actions.sqlite"), QStringLiteral(".actions.sqlite-wal"),
                                 QStringLiteral(".actions.sqlite-shm")})
        QFile::remove(QDir(m_cacheDir).filePath(nodeId + suffix));
    emit sessionRemoved(nodeId);
    return true;
}

void NodeFleet::setCacheMaxBytes(qint64 maxBytes)
{
    m_cacheMaxBytes = maxBytes;
    for (NodeSession* session : m_order)
        session->setCacheMaxBytes(maxBytes);
}

void NodeFleet::setPollIntervals(int onlineMs, int offlineMs)
{
    m_pollOnlineMs = onlineMs;
    m_pollOfflineMs = offlineMs;
    for (NodeSession* session : m_order)
        session->setPollIntervals(onlineMs, offlineMs);
}

void NodeFleet::refreshAll()
{
    for (NodeSession* session : m_order)
        session->refresh();
}
