#pragma once

#include "models/alerts/OperationalRuleEvaluator.h"
#include "node/stats/StatsTypes.h"

/// What the operational alert rules see of the node: the once-a-second stats snapshot, reduced to
/// OperationalSample (models/ knows nothing of the node's stats types).
namespace OperationalInputs {

OperationalSample fromStats(const StatsSnapshot& snapshot);

} // namespace OperationalInputs
