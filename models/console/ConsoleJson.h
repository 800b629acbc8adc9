#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>
#include <QStringView>

/// Reading the ops API's JSON the same way in every console model.
namespace ConsoleJson {

/// Milliseconds since the epoch of an ISO 8601 time ("2026-03-01T14:02:11.123Z"); 0 when the value
/// is missing, not a string or not a valid time, so a broken field sorts first instead of failing.
qint64 msOfIso(const QJsonValue& isoTime);
/// msOfIso() of object[key].
qint64 msOf(const QJsonObject& object, QStringView key);
/// An array of strings as a list; anything else gives an empty list.
QStringList stringsOf(const QJsonValue& value);

} // namespace ConsoleJson
