/**
 * Wire formats of the HTTP API: the hand-written order body decoder, response encoding with cached headers, API codes
 * and messages, and reply slots. Decoders and encoders run on a connection's event loop; a reply slot is filled on the
 * business thread and read on the event loop after the reply queue's hand-off.
 */
package io.flashsale.gateway.codec;
