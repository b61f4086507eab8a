package io.flashsale.gateway.codec;

import io.flashsale.engine.command.OrderState;

/**
 * Order state names as prepared ASCII bytes, so encoding a state allocates nothing.
 */
final class OrderStates
{
    private static final byte[][] NAMES = names();

    private OrderStates()
    {
    }

    private static byte[][] names()
    {
        final OrderState[] states = OrderState.values();
        final byte[][] names = new byte[states.length][];
        for (final OrderState s : states)
        {
            names[s.ordinal()] = JsonOut.ascii(s.name());
        }
        return names;
    }

    static byte[] ascii(final OrderState state)
    {
        return NAMES[(state == null ? OrderState.NONE : state).ordinal()];
    }
}
