package io.flashsale.client;

import java.io.IOException;

/**
 * The bytes on a connection are not a well-formed HTTP/1.1 response (or the connection ended inside one). A
 * {@link ResponseReader} throws it; what it says is meant for a person reading a test failure or a harness log.
 */
public final class MalformedResponseException extends IOException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong, with the offending bytes made printable.
     */
    public MalformedResponseException(final String message)
    {
        super(message);
    }
}
