#include "models/alerts/AlertTypes.h"

#include <array>
#include <utility>

namespace {

template<typename Enum, std::size_t N>
std::optional<Enum> lookup(const std::array<std::pair<Enum, const char*>, N>& table, const QString& name)
{
    for (const auto& [value, text] : table) {
        if (name == QLatin1StringView(text))
            return value;
    }
    return std::nullopt;
}

template<typename Enum, std::size_t N>
QString nameOf(const std::array<std::pair<Enum, const char*>, N>& table, Enum value)
{
    for (const auto& [v, text] : table) {
        if (v == value)
            return QString::fromLatin1(text);
    }
    return {};
}

constexpr std::array<std::pair<AlertSeverity, const char*>, 4> Severities{{
    {AlertSeverity::Critical, "critical"},
    {AlertSeverity::High, "high"},
    {AlertSeverity::Medium, "medium"},
    {AlertSeverity::Low, "low"},
}};

constexpr std::array<std::pair<AlertState, const char*>, 8> States{{
    {AlertState::Open, "open"},
    {AlertState::Notified, "notified"},
    {AlertState::Escalated, "escalated"},
    {AlertState::Acknowledged, "acknowledged"},
    {AlertState::Resolved, "resolved"},
    {AlertState::Retracted, "retracted"},
    {AlertState::Expired, "expired"},
    {AlertState::Suppressed, "suppressed"},
}};

constexpr std::array<std::pair<AlertCategory, const char*>, 2> Categories{{
    {AlertCategory::Clinical, "clinical"},
    {AlertCategory::Operational, "operational"},
}};

} // namespace

namespace AlertNames {

QString severity(AlertSeverity severity)
{
    return nameOf(Severities, severity);
}

std::optional<AlertSeverity> severityFrom(const QString& name)
{
    return lookup(Severities, name);
}

QString state(AlertState state)
{
    return nameOf(States, state);
}

std::optional<AlertState> stateFrom(const QString& name)
{
    return lookup(States, name);
}

QString category(AlertCategory category)
{
    return nameOf(Categories, category);
}

std::optional<AlertCategory> categoryFrom(const QString& name)
{
    return lookup(Categories, name);
}

QStringList dispositions()
{
    return {QStringLiteral("treated"),        QStringLiteral("false_alarm"),    QStringLiteral("informed_provider"),
            QStringLiteral("duplicate"),      QStringLiteral("source_cleared"), QStringLiteral("corrected"),
            QStringLiteral("cancelled")};
}

bool isTerminal(AlertState state)
{
    return state == AlertState::Resolved || state == AlertState::Retracted || state == AlertState::Expired;
}

} // namespace AlertNames

std::optional<Recipient> Recipient::parse(const QString& text, QString* errorString)
{
    const auto fail = [errorString](const QString& why) -> std::optional<Recipient> {
        if (errorString)
            *errorString = why;
        return std::nullopt;
    };
    if (text == u"unit")
        return Recipient{QStringLiteral("unit"), {}};
    const qsizetype colon = text.indexOf(u':');
    if (colon <= 0)
        return fail(QStringLiteral("\"%1\" is not a recipient: use role:<name>, unit, unit:<name>, user:<name> or "
                                   "team:<name>")
                        .arg(text));
    const QString kind = text.left(colon);
    const QString value = text.mid(colon + 1).trimmed();
    static const QStringList kinds{QStringLiteral("role"), QStringLiteral("unit"), QStringLiteral("user"),
                                   QStringLiteral("team")};
    if (!kinds.contains(kind))
        return fail(QStringLiteral("unknown recipient kind \"%1\" (role, unit, user, team)").arg(kind));
    if (value.isEmpty())
        return fail(QStringLiteral("recipient \"%1\" names nobody").arg(text));
    return Recipient{kind, value};
}

QString Recipient::toString() const
{
    return value.isEmpty() ? kind : kind + u':' + value;
}

qint64 Alert::nextWakeMs() const
{
    if (!isOpen())
        return 0;
    if (deadlineMs == 0)
        return expiresAtMs;
    if (expiresAtMs == 0)
        return deadlineMs;
    return std::min(deadlineMs, expiresAtMs);
}

namespace {

template<typename Item>
bool matchesFields(const Silence& s, const Item& item)
{
    if (!s.hasMatcher())
        return false;
    if (!s.ruleId.isEmpty() && s.ruleId != item.ruleId)
        return false;
    if (!s.unit.isEmpty() && s.unit != item.unit)
        return false;
    if (!s.subject.isEmpty() && s.subject != item.subject)
        return false;
    if (s.severity && *s.severity != item.severity)
        return false;
    if (s.category && *s.category != item.category)
        return false;
    return true;
}

} // namespace

bool Silence::matches(const AlertSignal& signal) const
{
    return matchesFields(*this, signal);
}

bool Silence::matches(const Alert& alert) const
{
    return matchesFields(*this, alert);
}

bool Silence::hasMatcher() const
{
    return !ruleId.isEmpty() || !unit.isEmpty() || !subject.isEmpty() || severity || category;
}
