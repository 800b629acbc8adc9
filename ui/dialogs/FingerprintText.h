#pragma once

#include <QString>

/// Fingerprints for people to compare by eye.
namespace FingerprintText {

/// "A9:85:0D:95:FF:..." as four lines of two groups of four bytes ("A9:85:0D:95  FF:E5:34:A5"),
/// so the eye can compare group by group with the node's "api-certificate sha256" line.
QString grouped(const QString& fingerprint);
/// Upper-case, colon-separated pairs; accepts colons, spaces or none between pairs. Empty if it is
/// not 32 bytes of hex.
QString normalized(const QString& text);

} // namespace FingerprintText
