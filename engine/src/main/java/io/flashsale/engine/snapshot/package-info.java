/**
 * Snapshots of the engine state: written by the business thread (every N records and at clean shutdown), loaded by
 * the starting thread before the pipeline runs. Files are written to a temporary name, forced and renamed.
 */
package io.flashsale.engine.snapshot;
