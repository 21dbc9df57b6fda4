package org.assay.workloads.jmh;

import org.HdrHistogram.Histogram;
import org.assay.workloads.fork.HistogramLog;
import org.assay.workloads.kernel.ConnectionClient;
import org.assay.workloads.kernel.ConnectionServer;
import org.assay.workloads.fork.WorkerPinning;
import org.assay.workloads.kernel.EchoServer;
import org.assay.workloads.kernel.LoopbackPair;
import org.assay.workloads.kernel.MessageChannel;
import org.assay.workloads.kernel.OpenLoopSchedule;
import org.assay.workloads.kernel.RequestClient;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.infra.ThreadParams;
import org.openjdk.jmh.runner.IterationType;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Loopback TCP request/response latency: metrics {@code network.tcp.rr} (closed loop, as netperf's
 * TCP_RR) and {@code network.tcp.rr.open} (a fixed request rate, as wrk2).
 *
 * <p>One JMH group of two threads on two planned CPUs: the client writes a request of
 * {@code messageBytes} with TCP_NODELAY and waits for the response; the in-process server end
 * echoes it. One operation of either thread is one exchange, so JMH's group score is twice the
 * transaction rate; the descriptor halves it. Every round trip goes into an HdrHistogram (ns),
 * one histogram per measurement iteration, appended to the log the harness names
 * ({@link HistogramLog}); the harness reads the percentiles from it.
 *
 * <p>Closed loop: the next request leaves when the response to the last arrived, and is timed
 * from then. Open loop: request k is due at {@code k / rate} after the iteration began
 * ({@link OpenLoopSchedule}) and is timed from that due time, so a stall counts against every
 * request it delayed (no coordinated omission).
 *
 * <p>Connect/request/response ({@code network.tcp.crr}, netperf's TCP_CRR): each transaction is
 * a new connection to the server's listener, one byte each way, and the close; its whole time
 * goes into the histogram.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TcpRequestResponseBench {

    @State(Scope.Group)
    public static class Exchange {
        @Param("1")
        public int messageBytes;

        LoopbackPair pair;
        RequestClient client;
        EchoServer server;

        @Setup(Level.Trial)
        public void open() throws IOException {
            pair = LoopbackPair.open(true);
            client = new RequestClient(new MessageChannel(pair.client()), messageBytes);
            server = new EchoServer(new MessageChannel(pair.server()), messageBytes);
        }

        @TearDown(Level.Iteration)
        public void verify() {
            client.verify();
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            client.channel().close();
            server.channel().close();
        }
    }

    /** The client's histogram of the iteration and where it goes. */
    @State(Scope.Thread)
    public static class Latencies {
        final Histogram histogram = new Histogram(3);
        HistogramLog log;
        int iteration;

        @Setup(Level.Trial)
        public void open() {
            log = HistogramLog.open();
        }

        @Setup(Level.Iteration)
        public void reset() {
            histogram.reset();
            histogram.setStartTimeStamp(System.currentTimeMillis());
        }

        @TearDown(Level.Iteration)
        public void write(IterationParams iteration) {
            if (iteration.getType() == IterationType.MEASUREMENT && histogram.getTotalCount() > 0) {
                histogram.setEndTimeStamp(System.currentTimeMillis());
                log.write(histogram, "iteration" + (++this.iteration));
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            log.close();
        }
    }

    /** Pins each thread of the group to its planned CPU: client first, server second. */
    @State(Scope.Thread)
    public static class Pinned {
        int workerIndex;

        @Setup(Level.Trial)
        public void pin(ThreadParams params) {
            workerIndex = params.getThreadIndex();
            WorkerPinning.pin(workerIndex);
        }

        @TearDown(Level.Trial)
        public void observe() {
            WorkerPinning.observe(workerIndex);
        }
    }

    /** The open loop's request rate and its schedule, restarted each iteration. */
    @State(Scope.Thread)
    public static class Schedule {
        @Param("10000")
        public double rate;

        OpenLoopSchedule schedule;

        @Setup(Level.Trial)
        public void create() {
            schedule = new OpenLoopSchedule(rate);
        }

        @Setup(Level.Iteration)
        public void restart() {
            schedule.restart();
        }
    }

    /** The listener of the connection-rate group and its client. */
    @State(Scope.Group)
    public static class Connections {
        ConnectionServer server;
        ConnectionClient client;

        @Setup(Level.Trial)
        public void open() throws IOException {
            server = new ConnectionServer();
            client = new ConnectionClient(server.address());
        }

        @TearDown(Level.Iteration)
        public void verify() {
            client.verify();
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            try {
                client.close();
            } finally {
                server.close();
            }
        }
    }

    @Benchmark
    @Group("connect")
    @GroupThreads(1)
    public boolean connectAndRequest(Connections c, Latencies l, Pinned p, Control control) throws IOException {
        long t0 = System.nanoTime();
        boolean done = c.client.transact(() -> control.stopMeasurement);
        if (done) {
            l.histogram.recordValue(System.nanoTime() - t0);
        }
        return done;
    }

    @Benchmark
    @Group("connect")
    @GroupThreads(1)
    public boolean acceptAndAnswer(Connections c, Pinned p, Control control) throws IOException {
        return c.server.serve(() -> control.stopMeasurement);
    }

    @Benchmark
    @Group("closed")
    @GroupThreads(1)
    public long request(Exchange x, Latencies l, Pinned p, Control control) throws IOException {
        long rtt = x.client.roundTrip(System.nanoTime(), () -> control.stopMeasurement);
        if (rtt >= 0) {
            l.histogram.recordValue(rtt);
        }
        return rtt;
    }

    @Benchmark
    @Group("closed")
    @GroupThreads(1)
    public boolean serve(Exchange x, Pinned p, Control control) throws IOException {
        return x.server.serve(() -> control.stopMeasurement);
    }

    @Benchmark
    @Group("open")
    @GroupThreads(1)
    public long requestAtRate(Exchange x, Latencies l, Pinned p, Schedule s, Control control) throws IOException {
        long due = s.schedule.awaitNext();
        long latency = x.client.roundTrip(due, () -> control.stopMeasurement);
        if (latency >= 0) {
            l.histogram.recordValue(latency);
        }
        return latency;
    }

    @Benchmark
    @Group("open")
    @GroupThreads(1)
    public boolean serveAtRate(Exchange x, Pinned p, Control control) throws IOException {
        return x.server.serve(() -> control.stopMeasurement);
    }
}
