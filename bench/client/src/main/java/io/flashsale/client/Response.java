package io.flashsale.client;

import java.util.Map;

/**
 * One HTTP response as a blocking reader ({@link ResponseReader}) returns it: status, headers and the body as text.
 *
 * @param status  status code.
 * @param headers headers, names lower-cased (later duplicates replace earlier ones).
 * @param body    body text (UTF-8), empty when there is none.
 */
public record Response(int status, Map<String, String> headers, String body)
{
    /**
     * @param name lower-case header name.
     * @return its value, or null when the response has no such header.
     */
    public String header(final String name)
    {
        return headers.get(name);
    }
}
