#pragma once

class ApiRouter;
struct ApiContext;

/// GET /api/v1/node (identity and configuration), /api/v1/stats (now) and /api/v1/stats/history.
namespace NodeRoutes {
void add(ApiRouter& router, ApiContext& context);
}
