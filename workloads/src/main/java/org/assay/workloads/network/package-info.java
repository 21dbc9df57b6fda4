/**
 * The network workloads (metrics {@code network.*}): TCP stream throughput, TCP and UDP
 * request/response latency and the TCP connection rate over loopback, the server end in the
 * same process on its own planned CPU. Each
 * connection is a JMH group of two workers (sender and receiver, client and server), so a
 * workload's thread count is two per connection. Descriptors only: no sockets are opened here.
 */
package org.assay.workloads.network;
