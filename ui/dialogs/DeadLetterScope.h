#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

/// Which dead letters of one node a bulk action is about: a selection (ids) or a whole failure
/// group (signature, docs/ops-api.md 4.11), with the words the confirmation uses for it.
struct DeadLetterScope
{
    QList<qint64> ids;          ///< a selection; empty when the scope is a group
    QString signature;          ///< a failure group; empty when the scope is a selection
    QString description;        ///< "group hl7-101 at PID(1)-3", "3 selected"
    int knownCount = 0;         ///< how many the console knows of (the group's count, the selection's size)

    bool isGroup() const { return ids.isEmpty() && !signature.isEmpty(); }
    bool isEmpty() const { return ids.isEmpty() && signature.isEmpty(); }

    /// `ids` or `signature` into a request body (4.14, and park).
    void addTo(QJsonObject& body) const
    {
        if (isGroup()) {
            body.insert(QStringLiteral("signature"), signature);
            return;
        }
        QJsonArray array;
        for (qint64 id : ids)
            array.append(double(id));
        body.insert(QStringLiteral("ids"), array);
    }

    /// The ConsoleAction target: "dead-letter:13", "dead-letters:13,14", "dead-letters:<signature>".
    QString target() const
    {
        if (isGroup())
            return QStringLiteral("dead-letters:") + signature;
        if (ids.size() == 1)
            return QStringLiteral("dead-letter:") + QString::number(ids.first());
        QStringList parts;
        for (qint64 id : ids)
            parts << QString::number(id);
        return QStringLiteral("dead-letters:") + parts.join(u',');
    }
};
