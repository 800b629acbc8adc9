#include "models/console/NodeProfile.h"

#include <QUuid>

NodeProfile NodeProfile::create()
{
    NodeProfile profile;
    profile.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    return profile;
}

QString NodeProfile::address() const
{
    // An IPv6 literal needs brackets, or its colons run into the port's.
    const bool ipv6Literal = host.contains(u':') && !host.startsWith(u'[');
    const QString h = ipv6Literal ? (u'[' + host + u']') : host;
    return h + u':' + QString::number(port);
}
