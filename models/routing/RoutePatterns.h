#pragma once

#include <QString>
#include <QStringView>

/// The small pattern languages of routing rules and channel filters (docs/config.md "Patterns"):
/// message-type patterns ("ADT", "ADT^*", "ORU^R01", "*^R01", "*"), '*' globs for values, and field paths.
/// Shared by the config loader (validation), RouteTable and the pipeline (channel accept lists).
namespace RoutePatterns {

/// '*' matches any run of characters (including none); everything else matches itself, case-sensitively.
bool globMatch(QStringView pattern, QStringView text);

/// "TYPE" or "TYPE^TRIGGER": each part is three upper-case letters or digits, or "*" (whole parts only,
/// as Hl7Validator matches channel accept lists). "TYPE" alone is "TYPE^*".
bool isValidMessageTypePattern(QStringView pattern, QString* errorString = nullptr);
/// True when MSH-9.1 `type` and MSH-9.2 `trigger` match the (valid) pattern.
bool matchesMessageType(QStringView pattern, QStringView type, QStringView trigger);

/// A trigger event pattern: three upper-case letters or digits, or "*".
bool isValidTriggerPattern(QStringView pattern, QString* errorString = nullptr);

/// The field path syntax Hl7Message::value() reads: SEG[(n)]-field[(rep)][.component[.subcomponent]],
/// e.g. "PV1-3.1", "OBX(2)-5", "PID-3(2).4". All numbers are 1-based.
bool isValidFieldPath(QStringView path, QString* errorString = nullptr);

} // namespace RoutePatterns
