#pragma once

class ApiRouter;
struct ApiContext;

/// POST/GET/DELETE /api/v1/session: sign-in (throttled, audited), who am I, sign-out.
namespace SessionRoutes {
void add(ApiRouter& router, ApiContext& context);
}
