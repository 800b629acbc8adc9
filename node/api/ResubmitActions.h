#pragma once

class ApiRouter;
struct ApiContext;

/// Dead-letter resubmission over the API (admin only): POST /api/v1/dead-letters/{id}/preview shows
/// what a resubmission (optionally of an edited message) would do — validation, diff, warnings —
/// without acting; POST /api/v1/dead-letters/resubmit acts on one, a selection or a whole failure
/// group, idempotently and audited.
namespace ResubmitActions {
void add(ApiRouter& router, ApiContext& context);
}
