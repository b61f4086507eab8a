/**
 * The gateway's wire API from the client side, in one place: requests written as bytes ({@link
 * io.flashsale.client.RequestWriter}, one per event loop) or text ({@link io.flashsale.client.Requests}), responses
 * read on an event loop ({@link io.flashsale.client.HttpResponseParser}) or blocking and strictly ({@link
 * io.flashsale.client.ResponseReader}, {@link io.flashsale.client.HttpConnection}), field look-ups in the JSON answers
 * ({@link io.flashsale.client.JsonScan}), outcome codes ({@link io.flashsale.client.Outcome}) and read-only API calls
 * ({@link io.flashsale.client.GatewayClient}). No class here is shared between threads unless its javadoc says so.
 */
package io.flashsale.client;
