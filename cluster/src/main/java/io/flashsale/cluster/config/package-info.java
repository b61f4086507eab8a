/**
 * The cluster file: members (machines), shards, the gateway address and the sale, checked at start.
 */
package io.flashsale.cluster.config;
