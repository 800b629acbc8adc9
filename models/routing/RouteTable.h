#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

class Hl7Message;

/// One routing rule (versioned config data, DESIGN.md section 2 step 6). Every criterion that is set
/// must match; a list matches when any of its entries does; an empty list matches anything. Values are
/// compared case-sensitively, with '*' matching any run of characters (RoutePatterns::globMatch), so "*"
/// matches anything. A rule without criteria matches every message.
struct RouteRule
{
    QString name;
    QStringList messageTypes;                        ///< patterns on MSH-9: {"ORU"}, {"ADT^A01", "*^R01"}
    QStringList triggerEvents;                       ///< MSH-9.2 values, e.g. {"R01"}
    QStringList sendingFacilities;                   ///< MSH-4.1 values
    QStringList sendingApplications;                 ///< MSH-3.1 values
    QMap<QString, QStringList> fieldEquals;          ///< path ("PV1-3.1") -> accepted values
    QStringList destinations;                        ///< destination names
    bool stop = false;                               ///< no later rule is evaluated after this one matches
};

/// Evaluates rules in order and collects the destinations of every matching rule (de-duplicated, in
/// first-seen order), stopping after a matching rule with stop set.
class RouteTable
{
public:
    RouteTable() = default;
    explicit RouteTable(QList<RouteRule> rules);

    struct Match
    {
        QStringList destinations;
        QStringList ruleNames;                       ///< the rules that matched, for the trace
    };
    Match route(const Hl7Message& message) const;
    static bool matches(const RouteRule& rule, const Hl7Message& message);
    const QList<RouteRule>& rules() const { return m_rules; }

private:
    QList<RouteRule> m_rules;
};
