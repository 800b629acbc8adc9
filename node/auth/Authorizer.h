#pragma once

#include "node/auth/Principal.h"

#include <QString>

// Who may do what through the ops API (DESIGN.md section 4, issue 3). The server checks every
// request against this table; the console hiding a button is a convenience, never the check.
//
// | Permission          | admin | support | nurse        |
// |---------------------|-------|---------|--------------|
// | ReadNodeInfo        | yes   | yes     | yes          |
// | ReadStats           | yes   | yes     | yes          |
// | ReadMessages        | yes   | yes     | own units(1) |
// | ReadDeadLetters     | yes   | yes     | no           |
// | RevealPhi           | yes(2)| yes(2)  | no(3)        |
// | ExportMessages      | yes   | yes     | no           |
// | Resubmit            | yes   | no      | no           |
// | ReadAudit           | yes   | yes     | no           |
// | ManageUsers         | yes   | no      | no           |
// | ReadAlerts          | yes   | yes     | own units(1) |
// | AckClinicalAlert    | yes   | no      | yes (units)  |
// | AckOperationalAlert | yes   | yes     | no           |
// | ResolveAlert        | yes   | yes     | no           |
// | EscalateAlert       | yes   | yes     | no           |
// | ManageSilences      | yes   | yes     | no           |
//
// (1) allows() says yes; the route handler filters every item with Principal::maySee(unit), and
//     a nurse never sees an item without a unit.
// (2) with a reason in the request; the caller writes the reveal to the audit log.
// (3) not needed: seesPhiUnmasked() is true for a nurse's own units (they treat those patients),
//     and other units are invisible to them.
//
// PHI in responses: masked for everyone (admin included) unless seesPhiUnmasked() or an audited
// reveal says otherwise. Exports are masked too.

enum class Permission {
    ReadNodeInfo,
    ReadStats,
    ReadMessages,
    ReadDeadLetters,
    RevealPhi,
    ExportMessages,
    Resubmit,
    ReadAudit,
    ManageUsers,
    ReadAlerts,
    AckClinicalAlert,
    AckOperationalAlert,
    ResolveAlert,
    EscalateAlert,
    ManageSilences,
};

/// The role matrix above, as code. Stateless.
class Authorizer
{
public:
    static bool allows(const Principal& principal, Permission permission);
    /// Whether `principal` sees patient-identifying fields of an item of `unit` without a reveal.
    static bool seesPhiUnmasked(const Principal& principal, const QString& unit);
    /// Stable lower-camel name ("readMessages") for error responses and the audit log.
    static QString permissionName(Permission permission);
};
