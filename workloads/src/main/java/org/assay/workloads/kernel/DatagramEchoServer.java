package org.assay.workloads.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.BooleanSupplier;

/** The server of a UDP request/response exchange: each datagram it receives goes back as it came. */
public final class DatagramEchoServer implements AutoCloseable {

    private final DatagramChannel channel;
    private final Selector readable;
    private final ByteBuffer message;
    private long served;

    public DatagramEchoServer(DatagramChannel channel, int messageBytes) throws IOException {
        this.channel = channel;
        this.readable = Selector.open();
        channel.register(readable, SelectionKey.OP_READ);
        this.message = ByteBuffer.allocateDirect(messageBytes);
    }

    /** @return true when one datagram was echoed, false when {@code stop} fired first */
    public boolean serve(BooleanSupplier stop) throws IOException {
        message.clear();
        while (channel.read(message) <= 0) {
            if (stop.getAsBoolean()) {
                return false;
            }
            readable.select(DatagramClient.WAIT_MILLIS);
            readable.selectedKeys().clear();
            message.clear();
        }
        message.flip();
        while (channel.write(message) == 0) {
            Thread.onSpinWait();
        }
        served++;
        return true;
    }

    public long served() {
        return served;
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
