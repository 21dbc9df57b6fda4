package org.assay.workloads.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.BooleanSupplier;

/**
 * The client of a UDP request/response exchange (netperf's UDP_RR): one datagram of
 * {@code messageBytes} out, the echo back, one request outstanding at a time. The request carries
 * its sequence number (its low byte below 8 bytes) and the response must carry it back.
 *
 * <p>UDP may drop a datagram (on loopback, when a socket buffer is full): a request without an
 * answer after {@link #LOSS_NANOS} counts as lost and the next one goes out; an answer that
 * arrives after that is recognised by its older number and skipped, never timed as the answer
 * to a later request. A wait cut short by {@code stop} is finished, untimed, by the next call.
 */
public final class DatagramClient implements AutoCloseable {

    static final long LOSS_NANOS = 200_000_000L;
    static final long WAIT_MILLIS = 5;

    private final DatagramChannel channel;
    private final Selector readable;
    private final ByteBuffer request;
    private final ByteBuffer response;
    private long seq;
    private boolean awaiting;
    private long sentAt;
    private long lost;
    private long late;
    private long bad;
    private String firstProblem;

    public DatagramClient(DatagramChannel channel, int messageBytes) throws IOException {
        if (messageBytes < 1 || messageBytes > DatagramPair.MAX_PAYLOAD) {
            throw new IllegalArgumentException("a UDP message must be 1 to " + DatagramPair.MAX_PAYLOAD
                    + " bytes, got " + messageBytes);
        }
        this.channel = channel;
        this.readable = Selector.open();
        channel.register(readable, SelectionKey.OP_READ);
        this.request = ByteBuffer.allocateDirect(messageBytes);
        this.response = ByteBuffer.allocateDirect(messageBytes);
    }

    /**
     * One round trip timed from {@code startNanos}.
     *
     * @return its nanoseconds, or -1 when {@code stop} fired first or the request was lost
     */
    public long roundTrip(long startNanos, BooleanSupplier stop) throws IOException {
        if (awaiting && !await(stop)) {
            return -1;
        }
        send();
        if (!await(stop)) {
            return -1;
        }
        return System.nanoTime() - startNanos;
    }

    private void send() throws IOException {
        request.clear();
        if (request.capacity() >= Long.BYTES) {
            request.putLong(0, seq);
        } else {
            request.put(0, (byte) seq);
        }
        // a datagram goes whole or not at all; 0 means no room in the send buffer just now
        while (channel.write(request) == 0) {
            Thread.onSpinWait();
        }
        awaiting = true;
        sentAt = System.nanoTime();
    }

    /** @return true when the answer to {@link #seq} came; false on stop or loss (then the request is given up) */
    private boolean await(BooleanSupplier stop) throws IOException {
        while (true) {
            response.clear();
            if (channel.read(response) > 0) {
                long carried = response.capacity() >= Long.BYTES ? response.getLong(0) : response.get(0) & 0xFF;
                long want = response.capacity() >= Long.BYTES ? seq : seq & 0xFF;
                if (carried == want) {
                    awaiting = false;
                    seq++;
                    return true;
                }
                if (isEarlier(carried)) {
                    late++; // the answer to a request already counted as lost
                    continue;
                }
                bad++;
                if (firstProblem == null) {
                    firstProblem = "response " + seq + ": expected it to carry " + want + " but it carried " + carried;
                }
                continue;
            }
            if (System.nanoTime() - sentAt > LOSS_NANOS) {
                lost++;
                awaiting = false;
                seq++;
                return false;
            }
            if (stop.getAsBoolean()) {
                return false;
            }
            readable.select(WAIT_MILLIS);
            readable.selectedKeys().clear();
        }
    }

    private boolean isEarlier(long carried) {
        if (response.capacity() >= Long.BYTES) {
            return carried < seq && carried >= 0;
        }
        long behind = ((seq & 0xFF) - carried) & 0xFF;
        return behind > 0 && behind < 128;
    }

    public long roundTrips() {
        return seq - lost;
    }

    /** Requests given up for lost so far. */
    public long lost() {
        return lost;
    }

    /** Answers that came after their request was given up. */
    public long late() {
        return late;
    }

    /** @throws IllegalStateException when any response answered no request of this client */
    public void verify() {
        if (firstProblem != null) {
            throw new IllegalStateException("UDP request/response: " + bad + " responses were wrong; first: "
                    + firstProblem);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            readable.close();
        } finally {
            channel.close();
        }
    }
}
