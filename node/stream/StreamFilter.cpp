#include "node/stream/StreamFilter.h"

StreamFilter::StreamFilter(const Principal& principal, const QSet<QString>& topics,
                           const QSet<QByteArray>& correlationIds)
    : m_principal(principal)
    , m_topics(topics)
    , m_correlationIds(correlationIds)
{
}

bool StreamFilter::topicAllowed(Role role, const QString& topic)
{
    if (topic == StreamTopic::Stats || topic == StreamTopic::Messages || topic == StreamTopic::Alerts)
        return true;
    if (topic == StreamTopic::DeadLetters || topic == StreamTopic::Audit)
        return role == Role::Support || role == Role::Admin;
    return false;
}

bool StreamFilter::accepts(const StreamEvent& event) const
{
    const QString topic = StreamTopic::ofType(event.type);
    if (topic.isEmpty() || !m_topics.contains(topic) || !topicAllowed(m_principal.role, topic))
        return false;

    const bool nurse = m_principal.role == Role::Nurse;
    // Messages and alerts are always unit-scoped for a nurse: one without a unit is not theirs.
    const bool unitScoped = topic == StreamTopic::Messages || topic == StreamTopic::Alerts;
    if ((!event.unit.isEmpty() || (nurse && unitScoped)) && !m_principal.maySee(event.unit))
        return false;
    if (nurse && topic == StreamTopic::Alerts && !event.clinical)
        return false;
    if (topic == StreamTopic::Messages && !m_correlationIds.isEmpty()
        && !m_correlationIds.contains(event.correlationId))
        return false;
    return true;
}
