package io.flashsale.bench.crash;

/**
 * Reads single fields of the node's small, flat JSON answers without a parser (the harness reads many of them).
 */
final class Json
{
    private Json()
    {
    }

    /**
     * @param body  JSON object text.
     * @param field field name.
     * @return the integer value of the field, or -1 if it is absent or not an integer.
     */
    static long longField(final String body, final String field)
    {
        final String key = "\"" + field + "\":";
        final int at = body.indexOf(key);
        if (at < 0)
        {
            return -1;
        }
        int i = at + key.length();
        long value = 0;
        boolean digits = false;
        while (i < body.length() && Character.isDigit(body.charAt(i)))
        {
            value = value * 10 + body.charAt(i) - '0';
            digits = true;
            i++;
        }
        return digits ? value : -1;
    }

    /**
     * @param body  JSON object text.
     * @param field field name.
     * @return the string value of the field (no escapes expected), or null.
     */
    static String stringField(final String body, final String field)
    {
        final String key = "\"" + field + "\":\"";
        final int at = body.indexOf(key);
        if (at < 0)
        {
            return null;
        }
        final int end = body.indexOf('"', at + key.length());
        return end < 0 ? null : body.substring(at + key.length(), end);
    }

    /**
     * @param body  JSON object text.
     * @param field field name.
     * @return true if the field is the literal {@code true}.
     */
    static boolean isTrue(final String body, final String field)
    {
        return body.contains("\"" + field + "\":true");
    }
}
