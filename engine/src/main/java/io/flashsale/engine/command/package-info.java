/**
 * The command vocabulary: the ring's event ({@code EngineEvent}), command types, result codes and details, order
 * states, sale field ranges ({@code SaleLimits}) and label kinds. Events belong to whichever stage the ring's sequences
 * say holds them (publisher, then the business thread); the rest are immutable constants any thread may use.
 */
package io.flashsale.engine.command;
