#include "node/config/ConfigReader.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

// Optimal string alignment distance: a swapped pair of letters ("prot") counts as one typo.
int editDistance(const QString& a, const QString& b)
{
    const qsizetype n = a.size(), m = b.size();
    QList<QList<int>> d(n + 1, QList<int>(m + 1, 0));
    for (qsizetype i = 0; i <= n; ++i)
        d[i][0] = int(i);
    for (qsizetype j = 0; j <= m; ++j)
        d[0][j] = int(j);
    for (qsizetype i = 1; i <= n; ++i) {
        for (qsizetype j = 1; j <= m; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[n][m];
}

} // namespace

ConfigReader::ConfigReader(QString sourceName)
    : m_source(std::move(sourceName))
{
}

void ConfigReader::addError(const QString& path, const QString& reason)
{
    if (path.isEmpty())
        m_errors.append(m_source + u": "_s + reason);
    else
        m_errors.append(m_source + u": "_s + path + u": "_s + reason);
}

void ConfigReader::checkKeys(const QJsonObject& object, const QString& path, const QStringList& allowed,
                             const QStringList& elsewhere, const QString& elsewhereReason)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = it.key();
        if (allowed.contains(key))
            continue;
        if (elsewhere.contains(key))
            addError(child(path, key), elsewhereReason);
        else
            addError(child(path, key), u"unknown key"_s + didYouMean(key, allowed));
    }
}

std::optional<QJsonValue> ConfigReader::typed(const QJsonObject& object, const QString& path, const QString& key,
                                               Presence presence, bool (QJsonValue::*isType)() const,
                                               const QString& typeWords)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined()) {
        if (presence == Presence::Required)
            addError(path, u"missing required key \"%1\""_s.arg(key));
        return std::nullopt;
    }
    if (!(value.*isType)()) {
        addError(child(path, key), u"must be %1 (got %2)"_s.arg(typeWords, typeName(value)));
        return std::nullopt;
    }
    return value;
}

std::optional<QString> ConfigReader::string(const QJsonObject& object, const QString& path, const QString& key,
                                            Presence presence)
{
    const auto value = typed(object, path, key, presence, &QJsonValue::isString, u"a string"_s);
    return value ? std::optional<QString>(value->toString()) : std::nullopt;
}

std::optional<QString> ConfigReader::nonEmptyString(const QJsonObject& object, const QString& path,
                                                    const QString& key, Presence presence)
{
    std::optional<QString> text = string(object, path, key, presence);
    if (text && text->trimmed().isEmpty()) {
        addError(child(path, key), u"must not be empty"_s);
        return std::nullopt;
    }
    return text;
}

std::optional<qint64> ConfigReader::integer(const QJsonObject& object, const QString& path, const QString& key,
                                            qint64 min, qint64 max, Presence presence)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined()) {
        if (presence == Presence::Required)
            addError(path, u"missing required key \"%1\""_s.arg(key));
        return std::nullopt;
    }
    const QString where = child(path, key);
    if (!value.isDouble()) {
        addError(where, u"must be a number (got %1)"_s.arg(typeName(value)));
        return std::nullopt;
    }
    const double number = value.toDouble();
    if (std::trunc(number) != number) {
        addError(where, u"must be a whole number (got %1)"_s.arg(number));
        return std::nullopt;
    }
    // Compare as double first: a huge JSON number must not overflow the conversion.
    if (number < double(min) || number > double(max)) {
        const QString got = QString::number(number, 'g', 17);
        if (max == std::numeric_limits<int>::max() || max == std::numeric_limits<qint64>::max())
            addError(where, u"must be at least %1 (got %2)"_s.arg(min).arg(got));
        else
            addError(where, u"must be between %1 and %2 (got %3)"_s.arg(min).arg(max).arg(got));
        return std::nullopt;
    }
    return qint64(number);
}

std::optional<double> ConfigReader::real(const QJsonObject& object, const QString& path, const QString& key,
                                          double min, double max, Presence presence)
{
    const auto value = typed(object, path, key, presence, &QJsonValue::isDouble, u"a number"_s);
    if (!value)
        return std::nullopt;
    const double number = value->toDouble();
    if (number < min || number > max) {
        addError(child(path, key), u"must be between %1 and %2 (got %3)"_s.arg(min).arg(max).arg(number));
        return std::nullopt;
    }
    return number;
}

std::optional<bool> ConfigReader::boolean(const QJsonObject& object, const QString& path, const QString& key)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isBool()) {
        addError(child(path, key), u"must be true or false (got %1)"_s.arg(typeName(value)));
        return std::nullopt;
    }
    return value.toBool();
}

std::optional<QJsonObject> ConfigReader::object(const QJsonObject& object, const QString& path,
                                                const QString& key, Presence presence)
{
    const auto value = typed(object, path, key, presence, &QJsonValue::isObject, u"an object"_s);
    return value ? std::optional<QJsonObject>(value->toObject()) : std::nullopt;
}

std::optional<QJsonArray> ConfigReader::array(const QJsonObject& object, const QString& path, const QString& key,
                                              Presence presence)
{
    const auto value = typed(object, path, key, presence, &QJsonValue::isArray, u"an array"_s);
    return value ? std::optional<QJsonArray>(value->toArray()) : std::nullopt;
}

std::optional<QStringList> ConfigReader::stringList(const QJsonObject& object, const QString& path,
                                                    const QString& key, Presence presence)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined()) {
        if (presence == Presence::Required)
            addError(path, u"missing required key \"%1\""_s.arg(key));
        return std::nullopt;
    }
    const QString where = child(path, key);
    if (value.isString())
        return QStringList{value.toString()};
    if (!value.isArray()) {
        addError(where, u"must be a string or an array of strings (got %1)"_s.arg(typeName(value)));
        return std::nullopt;
    }
    QStringList list;
    bool ok = true;
    const QJsonArray items = value.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items.at(i).isString()) {
            addError(element(where, i), u"must be a string (got %1)"_s.arg(typeName(items.at(i))));
            ok = false;
            continue;
        }
        list.append(items.at(i).toString());
    }
    if (!ok)
        return std::nullopt;
    return list;
}

std::optional<QString> ConfigReader::choice(const QJsonObject& object, const QString& path, const QString& key,
                                            const QStringList& choices, Presence presence)
{
    std::optional<QString> text = string(object, path, key, presence);
    if (!text || choices.contains(*text))
        return text;
    addError(child(path, key), u"must be one of %1 (got \"%2\")%3"_s.arg(quotedList(choices), *text,
                                                                          didYouMean(*text, choices)));
    return std::nullopt;
}

QString ConfigReader::child(const QString& path, const QString& key)
{
    // Keys such as "PV1-3.1" are quoted, so the dots of the path stay unambiguous.
    static const QRegularExpression identifier(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
    if (!identifier.match(key).hasMatch())
        return path + u"[\""_s + key + u"\"]"_s;
    return path.isEmpty() ? key : path + u'.' + key;
}

QString ConfigReader::element(const QString& path, qsizetype index)
{
    return path + u'[' + QString::number(index) + u']';
}

QString ConfigReader::typeName(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return u"a boolean"_s;
    case QJsonValue::Double:
        return u"a number"_s;
    case QJsonValue::String:
        return u"a string"_s;
    case QJsonValue::Array:
        return u"an array"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"nothing"_s;
}

QString ConfigReader::closest(const QString& word, const QStringList& candidates)
{
    const QString lower = word.toLower();
    const int tolerance = std::clamp(int(word.size() / 4), 1, 3);
    QString best;
    int bestDistance = tolerance + 1;
    for (const QString& candidate : candidates) {
        const int distance = editDistance(lower, candidate.toLower());
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}

QString ConfigReader::didYouMean(const QString& word, const QStringList& candidates)
{
    const QString best = closest(word, candidates);
    return best.isEmpty() ? QString() : u" (did you mean \"%1\"?)"_s.arg(best);
}

QString ConfigReader::quotedList(const QStringList& words)
{
    QStringList quoted;
    quoted.reserve(words.size());
    for (const QString& word : words)
        quoted.append(u'"' + word + u'"');
    return quoted.join(u", "_s);
}
