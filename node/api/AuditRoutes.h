#pragma once

class ApiRouter;
struct ApiContext;

/// GET /api/v1/audit (the log, newest first) and GET /api/v1/audit/verify (walks the hash chain).
namespace AuditRoutes {
void add(ApiRouter& router, ApiContext& context);
}
