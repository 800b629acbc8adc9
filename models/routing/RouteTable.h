#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

class Hl7Message;

/// One routing rule (versioned config data, DESIGN.md section 2 step 6). Every criterion that is set
/// must match; values are compared case-sensitively; "*" or an empty list matches anything.
struct RouteRule
{
    QString name;
    QStringList messageTypes;                        ///< MSH-9.1 values, e.g. {"ORU"}
    QStringList triggerEvents;                       ///< MSH-9.2 values, e.g. {"R01"}
    QStringList sendingFacilities;                   ///< MSH-4.1 values
    QStringList sendingApplications;                 ///< MSH-3.1 values
    QMap<QString, QStringList> fieldEquals;          ///< path ("PV1-3.1") -> accepted values
    QStringList destinations;                        ///< destination names
    bool stop = false;                               ///< no later rule is evaluated after this one matches
};

/// Evaluates rules in order and collects the destinations of every matching rule (de-duplicated, in
/// first-seen order).
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
    const QList<RouteRule>& rules() const { return m_rules; }

private:
    QList<RouteRule> m_rules;
};
