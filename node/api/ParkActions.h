#pragma once

class ApiRouter;
struct ApiContext;

/// Parking dead letters over the API (admin only, docs/ops-api.md 4.14a): POST
/// /api/v1/dead-letters/park sets open ones aside — a test message, a known-bad feed — so nobody
/// resubmits them, without deleting them; POST /api/v1/dead-letters/unpark returns parked ones to
/// open. Both take one, a selection or a whole failure group, idempotently and audited first.
namespace ParkActions {
void add(ApiRouter& router, ApiContext& context);
}
