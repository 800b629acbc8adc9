#pragma once

#include "models/hl7/Hl7Types.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

/// HL7 v2 escape sequences (v2.5.1 section 2.7), on bytes in the message's own charset. Delimiters
/// are ASCII, so they never occur inside a UTF-8 multi-byte sequence and bytes can be handled
/// before charset decoding.
namespace Hl7Escape {

/// Resolves escape sequences:
/// - \F\ \S\ \T\ \R\ \E\ (and v2.7 \P\) become the delimiter they stand for;
/// - \Xhh..\ becomes the bytes hh.. (pairs of hex digits, as the standard defines them: \X000D\ is
///   the two bytes 00 0D, not one code unit; engines differ here, SEMANTICS.md 1.2 [X000D]);
/// - formatting: \.br\ and \.ce\ start a new line, \.sp n\ n new lines, \.sk n\ n spaces;
///   \.in\ \.ti\ \.fi\ \.nf\ have no plain-text meaning and are dropped;
/// - \H\ \N\ \Zxx\ \Cxxyy\ \Mxxyyzz\ are passed through unchanged (highlighting, local and
///   charset-switch escapes are for a renderer that knows them, as Rhapsody does);
/// - anything else, and an escape character without a closing one, is kept literally: free text
///   with stray backslashes ("C:\lab\res") is common in the field.
QByteArray unescape(QByteArrayView raw, const Hl7Encoding& encoding);

/// Escapes every delimiter, the escape character itself, CR and LF (as \X0D\ \X0A\) and other
/// control bytes, so that unescape(escape(x)) == x. Fails only when there is something to escape
/// but the message declares no escape character.
std::optional<QByteArray> escape(QByteArrayView bytes, const Hl7Encoding& encoding);

/// True when bytes contain the escape character (unescape() would change nothing otherwise).
bool needsUnescape(QByteArrayView raw, const Hl7Encoding& encoding);

} // namespace Hl7Escape
