package org.assay.workloads.jmh;

import org.assay.workloads.fork.WorkerPinning;
import org.assay.workloads.kernel.LoopbackPair;
import org.assay.workloads.kernel.MessageChannel;
import org.assay.workloads.kernel.StreamReceiver;
import org.assay.workloads.kernel.StreamSender;
import org.assay.workloads.kernel.TcpInfo;
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
import org.openjdk.jmh.infra.ThreadParams;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;

/**
 * Loopback TCP stream throughput: metric {@code network.tcp.stream}, as iperf3 measures it.
 *
 * <p>A JMH group per stream: one thread sends messages of {@code messageBytes} from a direct
 * buffer, the other (the in-process server end of the same connection) receives them into a
 * direct buffer and checks each ({@link org.assay.workloads.kernel.StreamVerifier}). N streams
 * are N groups, 2N threads, each pinned to its own planned CPU, or with {@code sameCore} the
 * receiver on its sender's CPU. One operation of either thread is one whole message, so JMH's
 * group score (the sum of the two methods' rates) is twice the message rate; the descriptor
 * halves it. The connection is opened before the first iteration and kept for the trial, as
 * iperf3 keeps its streams: the slow start of a new connection is not measured.
 *
 * <p>Per iteration each side counts its bytes and its thread's CPU time (ThreadMXBean), and the
 * sender the connection's retransmits (TCP_INFO), as auxiliary counters; the harness turns them
 * into bytes per CPU-second of each side.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TcpStreamBench {

    @State(Scope.Group)
    public static class Stream {
        @Param("131072")
        public int messageBytes;

        /** Receiver pinned on its sender's CPU: both ends share one core (a separate figure). */
        @Param("false")
        public boolean sameCore;

        LoopbackPair pair;
        StreamSender sender;
        StreamReceiver receiver;

        @Setup(Level.Trial)
        public void open() throws IOException {
            pair = LoopbackPair.open(false);
            sender = new StreamSender(new MessageChannel(pair.client()), messageBytes);
            receiver = new StreamReceiver(new MessageChannel(pair.server()), messageBytes);
        }

        @TearDown(Level.Iteration)
        public void verify() {
            receiver.verifier().verify();
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            sender.channel().close();
            receiver.channel().close();
        }
    }

    /** What one thread did in an iteration; JMH sums each counter over the streams. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Side {
        static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        int workerIndex;
        long threadId;
        long cpuAtStart;
        long messagesAtStart;
        long retransAtStart;
        Stream stream;
        boolean sending;

        @Setup(Level.Trial)
        public void pin(ThreadParams params, Stream s) {
            workerIndex = params.getThreadIndex();
            sending = params.getSubgroupIndex() == 0;
            threadId = Thread.currentThread().getId();
            stream = s;
            if (s.sameCore && !sending) {
                // one stream only (the descriptor refuses more): worker 0 sends, worker 1 receives
                WorkerPinning.pinBeside(workerIndex, workerIndex - 1);
            } else {
                WorkerPinning.pin(workerIndex);
            }
        }

        @Setup(Level.Iteration)
        public void start() {
            cpuAtStart = cpuNanos();
            messagesAtStart = messages();
            retransAtStart = sending ? TcpInfo.totalRetransmits(stream.pair.client()) : 0;
        }

        private long cpuNanos() {
            return THREADS.isThreadCpuTimeSupported() ? THREADS.getThreadCpuTime(threadId) : -1;
        }

        private long messages() {
            return sending ? stream.sender.messages() : stream.receiver.verifier().messages();
        }

        /** Bytes this side moved in the iteration. */
        public long sentBytes() {
            return sending ? (messages() - messagesAtStart) * stream.messageBytes : 0;
        }

        public long receivedBytes() {
            return sending ? 0 : (messages() - messagesAtStart) * stream.messageBytes;
        }

        /** CPU time of the sending threads in the iteration, ns; negative where not measurable. */
        public long senderCpuNanos() {
            return sending ? cpuDelta() : 0;
        }

        public long receiverCpuNanos() {
            return sending ? 0 : cpuDelta();
        }

        private long cpuDelta() {
            long now = cpuNanos();
            return now < 0 || cpuAtStart < 0 ? -1 : now - cpuAtStart;
        }

        /** Segments retransmitted in the iteration; negative where TCP_INFO cannot be read. */
        public long retransmits() {
            if (!sending) {
                return 0;
            }
            long now = TcpInfo.totalRetransmits(stream.pair.client());
            return now < 0 || retransAtStart < 0 ? -1 : now - retransAtStart;
        }

        @TearDown(Level.Trial)
        public void observe() {
            if (stream.sameCore && !sending) {
                WorkerPinning.observeBeside(workerIndex, workerIndex - 1);
            } else {
                WorkerPinning.observe(workerIndex);
            }
        }
    }

    @Benchmark
    @Group("stream")
    @GroupThreads(1)
    public boolean send(Stream s, Side side, Control control) throws IOException {
        return s.sender.send(() -> control.stopMeasurement);
    }

    @Benchmark
    @Group("stream")
    @GroupThreads(1)
    public boolean receive(Stream s, Side side, Control control) throws IOException {
        return s.receiver.receive(() -> control.stopMeasurement);
    }
}
