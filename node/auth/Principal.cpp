#include "node/auth/Principal.h"

QString roleName(Role role)
{
    switch (role) {
    case Role::Support:
        return QStringLiteral("support");
    case Role::Nurse:
        return QStringLiteral("nurse");
    case Role::Admin:
        return QStringLiteral("admin");
    }
    return {};
}

std::optional<Role> roleFromName(const QString& name)
{
    for (Role role : {Role::Support, Role::Nurse, Role::Admin}) {
        if (roleName(role) == name)
            return role;
    }
    return std::nullopt;
}
