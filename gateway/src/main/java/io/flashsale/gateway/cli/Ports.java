package io.flashsale.gateway.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/**
 * Checks a command makes on a TCP port before it creates anything (journal, {@code .hlog} files, data directories), so
 * a port it cannot have is refused with one line and nothing left behind.
 */
public final class Ports
{
    /** Highest TCP port. */
    public static final int MAX_PORT = 65_535;

    private Ports()
    {
    }

    /**
     * @param option  the option's name, for the message.
     * @param port    the value given.
     * @param allowed0 whether 0 (any free port) is allowed.
     * @throws IllegalArgumentException if out of range.
     */
    public static void requireInRange(final String option, final int port, final boolean allowed0)
    {
        final int min = allowed0 ? 0 : 1;
        if (port < min || port > MAX_PORT)
        {
            throw new IllegalArgumentException(option + " must be in " + min + ".." + MAX_PORT + ", got " + port);
        }
    }

    /**
     * Bind the port for a moment and let it go. A check, not a reservation: another process may still take the port
     * before the server binds it (the server then fails to bind and says so).
     *
     * @param host address to bind.
     * @param port port; 0 checks only that the host is an address of this machine.
     * @throws IllegalArgumentException naming the port if it is in use, or the host if it cannot be bound here.
     */
    public static void requireFree(final String host, final int port)
    {
        final InetAddress address;
        try
        {
            address = InetAddress.getByName(host);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("unknown host " + host, ex);
        }
        try (ServerSocket probe = new ServerSocket())
        {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(address, port));
        }
        catch (final IOException ex)
        {
            final String reason = String.valueOf(ex.getMessage());
            throw new IllegalArgumentException(reason.contains("in use") ?
                "port " + port + " is already in use on " + host :
                "cannot bind " + host + ":" + port + ": " + reason, ex);
        }
    }
}
