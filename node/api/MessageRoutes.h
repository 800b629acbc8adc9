#pragma once

class ApiRouter;
struct ApiContext;

/// Messages and traces: search (GET /api/v1/messages), one message (GET /api/v1/messages/{id}),
/// an audited reveal of its patient fields (POST /api/v1/messages/{id}/reveal), a masked export
/// (GET /api/v1/messages/export) and a trace by correlation ID (GET /api/v1/traces/{correlationId}).
namespace MessageRoutes {
void add(ApiRouter& router, ApiContext& context);
}
