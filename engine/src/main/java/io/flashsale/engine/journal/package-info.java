/**
 * The journal: one Chronicle Queue per engine instance, the binary record layout ({@code RecordDescriptor}), the one
 * record vocabulary ({@code RecordHandler}) that live writing, replay, audit and export share, and the data directory
 * lock. The writer belongs to the business thread; a reader belongs to the thread that opened it (replay before the
 * pipeline starts, or an offline tool); the lock is held by the node for its whole life.
 */
package io.flashsale.engine.journal;
