/**
 * The engine's composition root ({@code Engine}) and its two ports: {@code CommandPublisher} (any thread, never
 * blocks) and {@code ResultSink} (called on the business thread after the batch's journal commit). The business
 * thread runs {@code EngineHandler}; the ticker thread only publishes TICK commands. Configuration objects belong to
 * the thread that builds the engine.
 */
package io.flashsale.engine.pipeline;
