/**
 * All mutable engine state: catalogue and stock, orders, the idempotency index, per-buyer counts, expiry queues and
 * display names. Owned by the business thread (the replaying thread before the pipeline starts); no other thread
 * calls into it. Other threads read only what the owner publishes for them: {@code CatalogView} (append-only
 * definitions and release-stored stock counters) and {@code Labels} (concurrent maps).
 */
package io.flashsale.engine.state;
