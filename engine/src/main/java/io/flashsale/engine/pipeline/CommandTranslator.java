package io.flashsale.engine.pipeline;

import io.flashsale.engine.command.EngineEvent;

/**
 * Fills the command fields of a claimed ring slot, in the Disruptor's translator style but with primitive arguments,
 * so publication neither boxes nor allocates. Implementations are stateless static constants of
 * {@link CommandPublisher}; each documents which of the generic arguments it reads.
 */
@FunctionalInterface
interface CommandTranslator
{
    /**
     * @param e    the slot, already reset with type, reply target, correlation and time.
     * @param a    first long argument.
     * @param b    second long argument.
     * @param c    third long argument.
     * @param d    fourth long argument.
     * @param i    first int argument.
     * @param j    second int argument.
     * @param k    third int argument.
     * @param data a byte array or character sequence argument, or null.
     */
    void translateTo(EngineEvent e, long a, long b, long c, long d, int i, int j, int k, Object data);
}
