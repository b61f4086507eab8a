/**
 * The offline audit: replays a journal into a fresh state on the calling thread and checks every invariant. Touches
 * no live engine; safe beside a running node (read-only).
 */
package io.flashsale.engine.audit;
