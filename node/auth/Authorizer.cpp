#include "node/auth/Authorizer.h"

bool Authorizer::allows(const Principal& principal, Permission permission)
{
    switch (principal.role) {
    case Role::Admin:
        return true;
    case Role::Support:
        // Listed one by one, so a permission added later is denied until someone decides.
        switch (permission) {
        case Permission::ReadNodeInfo:
        case Permission::ReadStats:
        case Permission::ReadMessages:
        case Permission::ReadDeadLetters:
        case Permission::RevealPhi:
        case Permission::ExportMessages:
        case Permission::ReadAudit:
        case Permission::ReadAlerts:
        case Permission::AckOperationalAlert:
        case Permission::ResolveAlert:
        case Permission::EscalateAlert:
        case Permission::ManageSilences:
            return true;
        default:
            return false;
        }
    case Role::Nurse:
        switch (permission) {
        case Permission::ReadNodeInfo:
        case Permission::ReadStats:
        case Permission::ReadMessages:
        case Permission::ReadAlerts:
        case Permission::AckClinicalAlert:
            return true;
        default:
            return false;
        }
    }
    return false;
}

bool Authorizer::seesPhiUnmasked(const Principal& principal, const QString& unit)
{
    return principal.role == Role::Nurse && principal.maySee(unit);
}

QString Authorizer::permissionName(Permission permission)
{
    switch (permission) {
    case Permission::ReadNodeInfo:
        return QStringLiteral("readNodeInfo");
    case Permission::ReadStats:
        return QStringLiteral("readStats");
    case Permission::ReadMessages:
        return QStringLiteral("readMessages");
    case Permission::ReadDeadLetters:
        return QStringLiteral("readDeadLetters");
    case Permission::RevealPhi:
        return QStringLiteral("revealPhi");
    case Permission::ExportMessages:
        return QStringLiteral("exportMessages");
    case Permission::Resubmit:
        return QStringLiteral("resubmit");
    case Permission::ReadAudit:
        return QStringLiteral("readAudit");
    case Permission::ManageUsers:
        return QStringLiteral("manageUsers");
    case Permission::ReadAlerts:
        return QStringLiteral("readAlerts");
    case Permission::AckClinicalAlert:
        return QStringLiteral("ackClinicalAlert");
    case Permission::AckOperationalAlert:
        return QStringLiteral("ackOperationalAlert");
    case Permission::ResolveAlert:
        return QStringLiteral("resolveAlert");
    case Permission::EscalateAlert:
        return QStringLiteral("escalateAlert");
    case Permission::ManageSilences:
        return QStringLiteral("manageSilences");
    }
    return {};
}
