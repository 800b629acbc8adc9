#pragma once

#include <QByteArray>
#include <QString>

/// What a clinical rule may ask about the alerts already open, so that a result which changes
/// nothing (a normal value, with no alert to clear) costs no more than reading its flags.
class OpenAlertIndex
{
public:
    virtual ~OpenAlertIndex() = default;
    /// Whether any alert of the rule is open.
    virtual bool anyOpen(const QString& ruleId) const = 0;
    /// Whether an alert is open under (rule id, dedup key).
    virtual bool isOpen(const QString& ruleId, const QByteArray& dedupKey) const = 0;
};
