package org.assay.workloads.kernel;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.function.BooleanSupplier;

/**
 * Whole messages over a non-blocking socket channel, waiting in a selector (epoll on Linux) when
 * the socket cannot take or give more, and giving up when {@code stop} says so.
 *
 * <p>Why not blocking I/O: the two ends are measured by separate threads that each stop at the end
 * of a measurement iteration; a thread blocked in read or write for a message its peer will
 * never complete would hang the benchmark. A wait in the selector costs what a blocking call costs
 * (the thread sleeps until the socket is ready); the timeout only matters once the peer stopped.
 * A message left half done when {@code stop} fires stays in the buffer and is finished by the
 * next call, so the byte stream and its sequence numbers carry on across iterations.
 */
public final class MessageChannel implements AutoCloseable {

    static final long WAIT_MILLIS = 5;

    private final SocketChannel channel;
    private final Selector readable;
    private final Selector writable;

    public MessageChannel(SocketChannel channel) throws IOException {
        this.channel = channel;
        this.readable = Selector.open();
        this.writable = Selector.open();
        channel.register(readable, SelectionKey.OP_READ);
        channel.register(writable, SelectionKey.OP_WRITE);
    }

    public SocketChannel channel() {
        return channel;
    }

    /**
     * Writes what remains of {@code b}.
     *
     * @return true when nothing remains, false when {@code stop} fired first
     */
    public boolean write(ByteBuffer b, BooleanSupplier stop) throws IOException {
        while (b.hasRemaining()) {
            if (channel.write(b) == 0) {
                if (stop.getAsBoolean()) {
                    return false;
                }
                writable.select(WAIT_MILLIS);
                writable.selectedKeys().clear();
            }
        }
        return true;
    }

    /**
     * Reads until {@code b} is full.
     *
     * @return true when full, false when {@code stop} fired first
     * @throws EOFException when the peer closed the connection
     */
    public boolean read(ByteBuffer b, BooleanSupplier stop) throws IOException {
        while (b.hasRemaining()) {
            int n = channel.read(b);
            if (n < 0) {
                throw new EOFException("the peer closed the connection with " + b.remaining()
                        + " bytes of a message still to come");
            }
            if (n == 0) {
                if (stop.getAsBoolean()) {
                    return false;
                }
                readable.select(WAIT_MILLIS);
                readable.selectedKeys().clear();
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        try {
            readable.close();
            writable.close();
        } finally {
            channel.close();
        }
    }
}
