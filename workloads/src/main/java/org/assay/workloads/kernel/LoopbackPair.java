package org.assay.workloads.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Two ends of one TCP connection inside this process: a listener on 127.0.0.1 at a port the
 * kernel picks (never another address, never a fixed port that may be taken), a client that
 * connects to it, and the accepted server end. The listener is closed as soon as the connection
 * is accepted, so nothing else can connect. Both ends are left non-blocking for
 * {@link MessageChannel}.
 */
public final class LoopbackPair implements AutoCloseable {

    private final SocketChannel client;
    private final SocketChannel server;

    private LoopbackPair(SocketChannel client, SocketChannel server) {
        this.client = client;
        this.server = server;
    }

    /** @param noDelay TCP_NODELAY on both ends (request/response: no Nagle wait for a small message) */
    public static LoopbackPair open(boolean noDelay) throws IOException {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            SocketChannel client = SocketChannel.open(listener.getLocalAddress());
            SocketChannel server = listener.accept();
            for (SocketChannel c : new SocketChannel[] {client, server}) {
                c.setOption(StandardSocketOptions.TCP_NODELAY, noDelay);
                c.configureBlocking(false);
            }
            return new LoopbackPair(client, server);
        }
    }

    public SocketChannel client() {
        return client;
    }

    public SocketChannel server() {
        return server;
    }

    @Override
    public void close() throws IOException {
        try {
            client.close();
        } finally {
            server.close();
        }
    }
}
