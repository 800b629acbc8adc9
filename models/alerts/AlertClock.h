#pragma once

#include <QtGlobal>

#include <functional>

/// Wall-clock milliseconds since the epoch (UTC). Injected everywhere alerts depend on time, so the
/// state machine and the service are tested with a fake clock, without waiting.
using AlertClock = std::function<qint64()>;
