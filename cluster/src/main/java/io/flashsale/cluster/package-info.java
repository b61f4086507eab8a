/**
 * Cluster mode, shard member: the engine's business logic ({@code CommandProcessor} over {@code EngineState}) runs as
 * an Aeron Cluster {@code ClusteredService}, one cluster per shard. The service thread owns the state, the member
 * journal and the snapshot hook; commands arrive on the cluster ingress
 * ({@link io.flashsale.cluster.CommandDescriptor}) and results leave on the egress
 * ({@link io.flashsale.cluster.ResultDescriptor}).
 */
package io.flashsale.cluster;
