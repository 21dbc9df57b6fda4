package org.assay.workloads.jmh;

import org.assay.workloads.kernel.DatagramClient;
import org.assay.workloads.kernel.DatagramEchoServer;
import org.assay.workloads.kernel.DatagramPair;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Control;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Loopback UDP request/response latency: metric {@code network.udp.rr}, as netperf's UDP_RR.
 * The same shape as {@link TcpRequestResponseBench}'s closed loop (a client and an echo server,
 * one JMH group on two planned CPUs, every round trip in the histogram), over a pair of
 * connected datagram sockets on 127.0.0.1. A request unanswered for 200 ms counts as lost
 * ({@link DatagramClient}); the losses of each iteration are an auxiliary counter.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class UdpRequestResponseBench {

    @State(Scope.Group)
    public static class Exchange {
        @Param("1")
        public int messageBytes;

        DatagramPair pair;
        DatagramClient client;
        DatagramEchoServer server;

        @Setup(Level.Trial)
        public void open() throws IOException {
            pair = DatagramPair.open();
            client = new DatagramClient(pair.client(), messageBytes);
            server = new DatagramEchoServer(pair.server(), messageBytes);
        }

        @TearDown(Level.Iteration)
        public void verify() {
            client.verify();
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            client.close();
            server.close();
        }
    }

    /** Requests the client gave up for lost in the iteration (JMH sums the iterations). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Losses {
        long atStart;
        Exchange exchange;

        @Setup(Level.Iteration)
        public void start(Exchange x) {
            exchange = x;
            atStart = x.client.lost();
        }

        public long lostRequests() {
            return exchange.client.lost() - atStart;
        }
    }

    @Benchmark
    @Group("udp")
    @GroupThreads(1)
    public long request(Exchange x, TcpRequestResponseBench.Latencies l, TcpRequestResponseBench.Pinned p, Losses lost,
                        Control control) throws IOException {
        long rtt = x.client.roundTrip(System.nanoTime(), () -> control.stopMeasurement);
        if (rtt >= 0) {
            l.histogram.recordValue(rtt);
        }
        return rtt;
    }

    @Benchmark
    @Group("udp")
    @GroupThreads(1)
    public boolean serve(Exchange x, TcpRequestResponseBench.Pinned p, Control control) throws IOException {
        return x.server.serve(() -> control.stopMeasurement);
    }
}
