#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <optional>

/// Character sets of HL7 v2 messages (MSH-18, table 0211). Values are decoded per message with one
/// of two codecs: UTF-8 (MIB 106) or ISO 8859-1 (MIB 4).
namespace Hl7Charset {

constexpr int utf8Mib = 106;
constexpr int latin1Mib = 4;

/// The codec for a message. MSH-18 "UNICODE UTF-8" selects UTF-8 and "8859/1" ISO 8859-1, whatever
/// the bytes are (a mismatch is the validator's business). Absent, "ASCII" or a set we have no
/// codec for: UTF-8 when the bytes are valid UTF-8, else ISO 8859-1. Pure ASCII is valid UTF-8, and
/// Latin-1 text is rarely valid UTF-8 by accident, so this reads both common undeclared cases right
/// without ever failing.
int chooseMib(QByteArrayView msh18FirstRepetition, QByteArrayView messageBytes);

/// True when MSH-18 names UTF-8, so invalid UTF-8 bytes are a sender error.
bool declaresUtf8(QByteArrayView msh18FirstRepetition);

bool isValidUtf8(QByteArrayView bytes);
/// Offset of the first byte that is not part of a valid UTF-8 sequence, or -1.
qsizetype firstInvalidUtf8(QByteArrayView bytes);

QString decode(QByteArrayView bytes, int mib);
/// Encodes text in the message's charset; nullopt when a character cannot be represented.
std::optional<QByteArray> encode(QStringView text, int mib);
/// As encode(), replacing what cannot be represented with '?': for texts we generate (ACKs).
QByteArray encodeLossy(QStringView text, int mib);

} // namespace Hl7Charset
