/**
 * Node configuration and sale definitions (JSON sale files, the demo sale, display names as the engine journaled
 * them). Built on the starting thread; immutable afterwards, except {@code SaleNames}, a thread-safe view.
 */
package io.flashsale.gateway.config;
