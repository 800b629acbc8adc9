#include "models/console/NodeProfiles.h"

#include <QFileInfo>
#include <QSettings>
#include <QUuid>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

const QString kGroup = u"nodes"_s;

QString settingsError(const QSettings& settings)
{
    switch (settings.status()) {
    case QSettings::NoError:
        return {};
    case QSettings::AccessError:
        return NodeProfiles::tr("cannot access the settings file %1").arg(settings.fileName());
    case QSettings::FormatError:
        return NodeProfiles::tr("the settings file %1 is malformed").arg(settings.fileName());
    }
    return {};
}

void setError(QString* errorString, const QString& message)
{
    if (errorString)
        *errorString = message;
}

} // namespace

NodeProfile NodeProfiles::normalize(NodeProfile profile)
{
    profile.id = profile.id.trimmed();
    profile.displayName = profile.displayName.trimmed();
    profile.site = profile.site.trimmed();
    profile.host = profile.host.trimmed();
    profile.pinnedFingerprint = profile.pinnedFingerprint.trimmed();
    profile.userName = profile.userName.trimmed();
    if (profile.displayName.isEmpty() && !profile.host.isEmpty())
        profile.displayName = profile.address();
    return profile;
}

int NodeProfiles::indexOf(const QString& id) const
{
    for (int i = 0; i < m_profiles.size(); ++i) {
        if (m_profiles.at(i).id == id)
            return i;
    }
    return -1;
}

std::optional<NodeProfile> NodeProfiles::find(const QString& id) const
{
    const int i = indexOf(id);
    if (i < 0)
        return std::nullopt;
    return m_profiles.at(i);
}

NodeProfiles::Problem NodeProfiles::validate(const NodeProfile& input, QString* errorString) const
{
    const NodeProfile p = normalize(input);
    if (p.host.isEmpty()) {
        setError(errorString, tr("The host is required."));
        return Problem::HostMissing;
    }
    const bool badHost = p.host.contains(u"://"_s) || p.host.contains(u'/')
        || std::any_of(p.host.cbegin(), p.host.cend(), [](QChar c) { return c.isSpace(); });
    if (badHost) {
        setError(errorString, tr("The host \"%1\" is not a host name or address "
                                 "(leave out the scheme, the path and spaces).").arg(p.host));
        return Problem::HostInvalid;
    }
    if (p.port == 0) {
        setError(errorString, tr("The port must be between 1 and 65535."));
        return Problem::PortOutOfRange;
    }
    for (const NodeProfile& other : m_profiles) {
        if (other.id != p.id && other.displayName.compare(p.displayName, Qt::CaseInsensitive) == 0) {
            setError(errorString, tr("Another node is already called \"%1\".").arg(p.displayName));
            return Problem::DisplayNameTaken;
        }
    }
    setError(errorString, QString());
    return Problem::None;
}

QString NodeProfiles::add(NodeProfile profile, QString* errorString, Problem* problem)
{
    profile = normalize(profile);
    if (profile.id.isEmpty())
        profile.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    Problem found = Problem::None;
    if (indexOf(profile.id) >= 0) {
        found = Problem::DuplicateId;
        setError(errorString, tr("A node with this id already exists."));
    } else {
        found = validate(profile, errorString);
    }
    if (problem)
        *problem = found;
    if (found != Problem::None)
        return {};
    m_profiles.append(profile);
    return profile.id;
}

bool NodeProfiles::update(const NodeProfile& input, QString* errorString, Problem* problem)
{
    const NodeProfile profile = normalize(input);
    Problem found = Problem::None;
    int index = -1;
    if (profile.id.isEmpty()) {
        found = Problem::IdMissing;
        setError(errorString, tr("The node has no id."));
    } else if ((index = indexOf(profile.id)) < 0) {
        found = Problem::UnknownId;
        setError(errorString, tr("The node is not in the list (was it removed meanwhile?)."));
    } else {
        found = validate(profile, errorString);
    }
    if (problem)
        *problem = found;
    if (found != Problem::None)
        return false;
    m_profiles[index] = profile;
    return true;
}

bool NodeProfiles::remove(const QString& id, QString* errorString)
{
    const int index = id.isEmpty() ? -1 : indexOf(id);
    if (index < 0) {
        setError(errorString, tr("The node is not in the list (was it removed meanwhile?)."));
        return false;
    }
    m_profiles.removeAt(index);
    return true;
}

bool NodeProfiles::load(QSettings& settings, QString* errorString)
{
    m_profiles.clear();
    if (const QString error = settingsError(settings); !error.isEmpty()) {
        setError(errorString, error);
        return false;
    }
    QStringList problems;
    const int count = settings.beginReadArray(kGroup);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        NodeProfile p;
        p.id = settings.value(u"id"_s).toString();
        p.displayName = settings.value(u"displayName"_s).toString();
        p.site = settings.value(u"site"_s).toString();
        p.host = settings.value(u"host"_s).toString();
        bool portOk = false;
        const int port = settings.value(u"port"_s).toInt(&portOk);
        p.port = (portOk && port > 0 && port <= 65535) ? quint16(port) : 0;
        p.tls = settings.value(u"tls"_s, true).toBool();
        p.pinnedFingerprint = settings.value(u"pinnedFingerprint"_s).toString();
        p.userName = settings.value(u"userName"_s).toString();
        p.roleName = settings.value(u"roleName"_s).toString();
        p.units = settings.value(u"units"_s).toStringList();
        QString error;
        if (add(p, &error).isEmpty())
            problems.append(tr("entry %1 skipped: %2").arg(i + 1).arg(error));
    }
    settings.endArray();
    if (!problems.isEmpty()) {
        setError(errorString, problems.join(u"; "_s));
        return false;
    }
    setError(errorString, QString());
    return true;
}

bool NodeProfiles::save(QSettings& settings, QString* errorString) const
{
    settings.remove(kGroup);
    settings.beginWriteArray(kGroup, int(m_profiles.size()));
    for (int i = 0; i < m_profiles.size(); ++i) {
        const NodeProfile& p = m_profiles.at(i);
        settings.setArrayIndex(i);
        settings.setValue(u"id"_s, p.id);
        settings.setValue(u"displayName"_s, p.displayName);
        settings.setValue(u"site"_s, p.site);
        settings.setValue(u"host"_s, p.host);
        settings.setValue(u"port"_s, int(p.port));
        settings.setValue(u"tls"_s, p.tls);
        settings.setValue(u"pinnedFingerprint"_s, p.pinnedFingerprint);
        settings.setValue(u"userName"_s, p.userName);
        settings.setValue(u"roleName"_s, p.roleName);
        settings.setValue(u"units"_s, p.units);
    }
    settings.endArray();
    settings.sync();
    if (const QString error = settingsError(settings); !error.isEmpty()) {
        setError(errorString, error);
        return false;
    }
    return true;
}

bool NodeProfiles::load(const QString& iniFilePath, QString* errorString)
{
    if (!QFileInfo::exists(iniFilePath)) {
        m_profiles.clear();
        setError(errorString, QString());
        return true;
    }
    QSettings settings(iniFilePath, QSettings::IniFormat);
    return load(settings, errorString);
}

bool NodeProfiles::save(const QString& iniFilePath, QString* errorString) const
{
    QSettings settings(iniFilePath, QSettings::IniFormat);
    return save(settings, errorString);
}
