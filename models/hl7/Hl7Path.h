#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

#include <optional>

/// A parsed field path: "PID-3", "PID-3.1", "PID-3(2).4", "OBX(2)-5", "PID-5.1.2", "MSH-9.2".
/// Segment occurrence and repetition default to 1; component and subcomponent are 0 when the path
/// stops above them (the whole field repetition or the whole component is meant).
struct Hl7Path
{
    QByteArray segment;                              ///< three characters, A-Z and 0-9
    int occurrence = 1;                              ///< 1-based occurrence of the segment
    int field = 0;                                   ///< 1-based; MSH-1 is the field separator itself
    int repetition = 1;
    int component = 0;
    int subcomponent = 0;

    /// Upper bound for every number in a path; keeps arithmetic far from overflow and padding bounded.
    static constexpr int maxIndex = 100000;

    static std::optional<Hl7Path> parse(QStringView text, QString* errorString = nullptr);
    QString toString() const;
};
