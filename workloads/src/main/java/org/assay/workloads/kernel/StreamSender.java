package org.assay.workloads.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;

/** The sending end of a TCP stream: one call sends one stamped message ({@link StreamMessage}). */
public final class StreamSender {

    private final MessageChannel out;
    private final ByteBuffer message;
    private long seq;
    private boolean midMessage;

    public StreamSender(MessageChannel out, int messageBytes) {
        this.out = out;
        this.message = StreamMessage.allocate(messageBytes);
    }

    /** @return true when a whole message went out, false when {@code stop} fired mid-message (finished next call) */
    public boolean send(BooleanSupplier stop) throws IOException {
        if (!midMessage) {
            StreamMessage.stamp(message, seq);
            message.clear();
            midMessage = true;
        }
        if (!out.write(message, stop)) {
            return false;
        }
        midMessage = false;
        seq++;
        return true;
    }

    /** Whole messages sent so far. */
    public long messages() {
        return seq;
    }

    public MessageChannel channel() {
        return out;
    }
}
