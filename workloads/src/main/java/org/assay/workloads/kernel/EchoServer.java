package org.assay.workloads.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;

/**
 * The server of a request/response exchange: reads one request of {@code messageBytes} and writes
 * the same bytes back as the response (netperf's TCP_RR server sends a response of the response
 * size; echoing lets the client check that the response answers its request). A request or
 * response cut short by {@code stop} is carried on by the next call.
 */
public final class EchoServer {

    private final MessageChannel channel;
    private final ByteBuffer message;
    private boolean writing;
    private long served;

    public EchoServer(MessageChannel channel, int messageBytes) {
        this.channel = channel;
        this.message = ByteBuffer.allocateDirect(messageBytes);
    }

    /** @return true when one request was answered, false when {@code stop} fired first */
    public boolean serve(BooleanSupplier stop) throws IOException {
        if (!writing) {
            if (!channel.read(message, stop)) {
                return false;
            }
            message.flip();
            writing = true;
        }
        if (!channel.write(message, stop)) {
            return false;
        }
        writing = false;
        message.clear();
        served++;
        return true;
    }

    public long served() {
        return served;
    }

    public MessageChannel channel() {
        return channel;
    }
}
