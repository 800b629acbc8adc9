#include "models/console/ConsoleAction.h"

QString ConsoleAction::stateName(State state)
{
    switch (state) {
    case State::Pending: return QStringLiteral("pending");
    case State::Applied: return QStringLiteral("applied");
    case State::Refused: return QStringLiteral("refused");
    }
    return QStringLiteral("pending");
}

ConsoleAction::State ConsoleAction::stateFromName(const QString& name)
{
    if (name == u"applied")
        return State::Applied;
    if (name == u"refused")
        return State::Refused;
    return State::Pending;
}
