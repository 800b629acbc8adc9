#pragma once

class ApiRouter;
struct ApiContext;

/// The dead-letter queue: list (GET /api/v1/dead-letters), failure groups
/// (GET /api/v1/dead-letters/groups), one dead letter (GET /api/v1/dead-letters/{id}), and
/// resubmission (POST /api/v1/dead-letters/resubmit, POST /api/v1/dead-letters/{id}/preview).
namespace DeadLetterRoutes {
void add(ApiRouter& router, ApiContext& context);
}
