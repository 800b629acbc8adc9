#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <limits>
#include <optional>

/// Walks a parsed JSON config and collects every problem as "<source>: <path>: <reason>", so that an
/// operator sees all mistakes at once. Paths read like the JSON: "channels[1].tls.certificate",
/// "routes[0].match.fields[\"PV1-3.1\"]".
class ConfigReader
{
public:
    enum class Presence { Optional, Required };

    explicit ConfigReader(QString sourceName);

    void addError(const QString& path, const QString& reason);
    bool hasErrors() const { return !m_errors.isEmpty(); }
    const QStringList& errors() const { return m_errors; }

    /// Reports every key of `object` that is not in `allowed`, with a "did you mean" when one is close.
    /// `elsewhere` holds keys that are valid in a sibling shape (another kind) and get `elsewhereReason`.
    void checkKeys(const QJsonObject& object, const QString& path, const QStringList& allowed,
                   const QStringList& elsewhere = {}, const QString& elsewhereReason = {});

    // Each reader returns nullopt when the key is absent (an error only when Required) or when the value
    // is unusable (always reported).
    /// The value of key when present and of the type isType checks; else nullopt, with an error
    /// ("missing required key" only when required; "must be <typeWords>" on a wrong type).
    std::optional<QJsonValue> typed(const QJsonObject& object, const QString& path, const QString& key,
                                    Presence presence, bool (QJsonValue::*isType)() const, const QString& typeWords);
    std::optional<QString> string(const QJsonObject& object, const QString& path, const QString& key,
                                  Presence presence = Presence::Optional);
    std::optional<QString> nonEmptyString(const QJsonObject& object, const QString& path, const QString& key,
                                          Presence presence = Presence::Optional);
    std::optional<qint64> integer(const QJsonObject& object, const QString& path, const QString& key,
                                  qint64 min = std::numeric_limits<int>::min(),
                                  qint64 max = std::numeric_limits<int>::max(),
                                  Presence presence = Presence::Optional);
    /// A number that may have a fraction (the few keys that are factors, not counts).
    std::optional<double> real(const QJsonObject& object, const QString& path, const QString& key, double min,
                               double max, Presence presence = Presence::Optional);
    std::optional<bool> boolean(const QJsonObject& object, const QString& path, const QString& key);
    std::optional<QJsonObject> object(const QJsonObject& object, const QString& path, const QString& key,
                                      Presence presence = Presence::Optional);
    std::optional<QJsonArray> array(const QJsonObject& object, const QString& path, const QString& key,
                                    Presence presence = Presence::Optional);
    /// A string or an array of strings (a single string becomes a one-element list).
    std::optional<QStringList> stringList(const QJsonObject& object, const QString& path, const QString& key,
                                          Presence presence = Presence::Optional);
    /// A string that must be one of `choices`.
    std::optional<QString> choice(const QJsonObject& object, const QString& path, const QString& key,
                                  const QStringList& choices, Presence presence = Presence::Optional);

    static QString child(const QString& path, const QString& key);
    static QString element(const QString& path, qsizetype index);
    static QString typeName(const QJsonValue& value);
    /// The candidate closest to `word` when it is close enough to be a likely typo, else empty.
    static QString closest(const QString& word, const QStringList& candidates);
    /// " (did you mean \"x\"?)" or empty.
    static QString didYouMean(const QString& word, const QStringList& candidates);
    static QString quotedList(const QStringList& words);

private:
    QString m_source;
    QStringList m_errors;
};
