#include "models/routing/RouteTable.h"

#include "models/hl7/Hl7Message.h"
#include "models/routing/RoutePatterns.h"

namespace {

bool anyGlob(const QStringList& patterns, const QString& value)
{
    if (patterns.isEmpty())
        return true;
    for (const QString& pattern : patterns) {
        if (RoutePatterns::globMatch(pattern, value))
            return true;
    }
    return false;
}

} // namespace

RouteTable::RouteTable(QList<RouteRule> rules)
    : m_rules(std::move(rules))
{
}

bool RouteTable::matches(const RouteRule& rule, const Hl7Message& message)
{
    if (!rule.messageTypes.isEmpty()) {
        const QString type = message.messageType();
        const QString trigger = message.triggerEvent();
        bool any = false;
        for (const QString& pattern : rule.messageTypes) {
            if (RoutePatterns::matchesMessageType(pattern, type, trigger)) {
                any = true;
                break;
            }
        }
        if (!any)
            return false;
    }
    if (!rule.triggerEvents.isEmpty() && !anyGlob(rule.triggerEvents, message.triggerEvent()))
        return false;
    if (!rule.sendingFacilities.isEmpty() && !anyGlob(rule.sendingFacilities, message.sendingFacility()))
        return false;
    if (!rule.sendingApplications.isEmpty() && !anyGlob(rule.sendingApplications, message.sendingApplication()))
        return false;
    for (auto it = rule.fieldEquals.cbegin(); it != rule.fieldEquals.cend(); ++it) {
        if (!anyGlob(it.value(), message.value(it.key())))
            return false;
    }
    return true;
}

RouteTable::Match RouteTable::route(const Hl7Message& message) const
{
    Match result;
    for (const RouteRule& rule : m_rules) {
        if (!matches(rule, message))
            continue;
        result.ruleNames.append(rule.name);
        for (const QString& destination : rule.destinations) {
            if (!result.destinations.contains(destination))
                result.destinations.append(destination);
        }
        if (rule.stop)
            break;
    }
    return result;
}
