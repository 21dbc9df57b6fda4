package org.assay.workloads.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;

/**
 * The client of a request/response exchange (netperf's TCP_RR): write a request of
 * {@code messageBytes}, wait for the response of the same size, check that it answers this
 * request. The request carries its sequence number (its low byte for a message shorter than a
 * word), and the echo must carry it back.
 *
 * <p>A round trip cut short by {@code stop} is finished, untimed, at the start of the next call,
 * so a late response is never taken for the answer to a later request.
 */
public final class RequestClient {

    private final MessageChannel channel;
    private final ByteBuffer request;
    private final ByteBuffer response;
    private long seq;
    private boolean unfinished;
    private boolean writing;
    private String firstProblem;
    private long bad;

    public RequestClient(MessageChannel channel, int messageBytes) {
        if (messageBytes < 1 || messageBytes > StreamMessage.MAX_BYTES) {
            throw new IllegalArgumentException("message size must be 1 byte to 64 MiB, got " + messageBytes);
        }
        this.channel = channel;
        this.request = ByteBuffer.allocateDirect(messageBytes);
        this.response = ByteBuffer.allocateDirect(messageBytes);
    }

    /**
     * One round trip, timed from {@code startNanos} (System.nanoTime: now for a closed loop, the
     * intended send time for an open loop).
     *
     * @return nanoseconds from {@code startNanos} to the whole response, or -1 when {@code stop}
     *         fired before it came (the exchange is finished by the next call)
     */
    public long roundTrip(long startNanos, BooleanSupplier stop) throws IOException {
        if (unfinished && !finish(stop)) {
            return -1;
        }
        stampRequest();
        unfinished = true;
        writing = true;
        if (!finish(stop)) {
            return -1;
        }
        return System.nanoTime() - startNanos;
    }

    private void stampRequest() {
        request.clear();
        if (request.capacity() >= Long.BYTES) {
            request.putLong(0, seq);
        } else {
            request.put(0, (byte) seq);
        }
        response.clear();
    }

    private boolean finish(BooleanSupplier stop) throws IOException {
        if (writing) {
            if (!channel.write(request, stop)) {
                return false;
            }
            writing = false;
        }
        if (!channel.read(response, stop)) {
            return false;
        }
        unfinished = false;
        check();
        seq++;
        return true;
    }

    void check() {
        boolean wide = response.capacity() >= Long.BYTES;
        long got = wide ? response.getLong(0) : response.get(0) & 0xFF;
        long want = wide ? seq : seq & 0xFF;
        if (got != want) {
            bad++;
            if (firstProblem == null) {
                firstProblem = "response " + seq + ": expected it to carry " + want + " but it carried " + got;
            }
        }
    }

    public long roundTrips() {
        return seq;
    }

    /** @throws IllegalStateException when any response so far did not answer its request */
    public void verify() {
        if (firstProblem != null) {
            throw new IllegalStateException("request/response: " + bad + " of " + seq
                    + " responses were wrong; first: " + firstProblem);
        }
    }

    public MessageChannel channel() {
        return channel;
    }
}
