package org.assay.workloads.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;

/** The receiving end of a TCP stream: one call reads one whole message and checks it. */
public final class StreamReceiver {

    private final MessageChannel in;
    private final ByteBuffer message;
    private final StreamVerifier verifier = new StreamVerifier();

    public StreamReceiver(MessageChannel in, int messageBytes) {
        this.in = in;
        this.message = ByteBuffer.allocateDirect(StreamMessage.allocate(messageBytes).capacity());
    }

    /** @return true when a whole message arrived (and was checked), false when {@code stop} fired first */
    public boolean receive(BooleanSupplier stop) throws IOException {
        if (!in.read(message, stop)) {
            return false;
        }
        verifier.accept(message);
        message.clear();
        return true;
    }

    public StreamVerifier verifier() {
        return verifier;
    }

    public MessageChannel channel() {
        return in;
    }
}
