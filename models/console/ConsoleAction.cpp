#include "models/console/ConsoleAction.h"

QString ConsoleAction::stateName(State state)
{
    switch (state) {
    case State::Pending: return QStringLiteral("pending");
    case State::Applied: return QStringLiteral("applied");
    case State::Refused: return QStringLiteral("refused");
    case State::Discarded: return QStringLiteral("discarded");
    }
    return QStringLiteral("pending");
}

ConsoleAction::State ConsoleAction::stateFromName(const QString& name)
{
    if (name == u"applied")
        return State::Applied;
    if (name == u"refused")
        return State::Refused;
    if (name == u"discarded")
        return State::Discarded;
    // Unknown names stay pending: an action the console cannot classify must not look done.
    return State::Pending;
}

QString ConsoleAction::holdName(Hold hold)
{
    switch (hold) {
    case Hold::None: return QString();
    case Hold::OtherUser: return QStringLiteral("other-user");
    case Hold::KeyExpired: return QStringLiteral("key-expired");
    }
    return QString();
}

ConsoleAction::Hold ConsoleAction::holdFromName(const QString& name)
{
    if (name == u"other-user")
        return Hold::OtherUser;
    if (name == u"key-expired")
        return Hold::KeyExpired;
    return Hold::None;
}
