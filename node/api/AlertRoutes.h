#pragma once

class ApiRouter;
struct ApiContext;

/// /api/v1/alerts, /api/v1/alert-rules and /api/v1/silences (docs/ops-api.md "Alerts"): list and
/// filter alerts, one alert with its history and notifications, acknowledge, resolve, escalate,
/// silences. Who may do what is decided per alert: clinical alerts belong to nurses of their unit
/// (and admins), operational ones to support (and admins).
namespace AlertRoutes {

void add(ApiRouter& router, ApiContext& ctx);

} // namespace AlertRoutes
