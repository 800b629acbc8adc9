#pragma once

#include <QString>
#include <QStringList>

#include <optional>

/// The three roles of DESIGN.md section 4. What each may do is decided server-side by Authorizer.
enum class Role {
    Support,                                         ///< read everything, acknowledge operational alerts
    Nurse,                                           ///< alerts and traces of their units, acknowledge clinical alerts
    Admin,                                           ///< everything, incl. dead-letter resubmission and users
};

QString roleName(Role role);
std::optional<Role> roleFromName(const QString& name);

/// Who is making a request: the signed-in user behind a bearer token.
struct Principal
{
    qint64 userId = 0;
    QString userName;
    Role role = Role::Support;
    QStringList units;                               ///< nurse: the care units (PV1-3.1) they may see
    QString remote;                                  ///< peer address of the request, for the audit log

    /// Whether a message or alert of `unit` is within this principal's scope (nurses: their units
    /// only, and never an item without a unit).
    bool maySee(const QString& unit) const
    {
        return role != Role::Nurse || (!unit.isEmpty() && units.contains(unit, Qt::CaseInsensitive));
    }
};
