package org.assay.workloads.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;

/**
 * Two UDP sockets on 127.0.0.1 at ports the kernel picks, each connected to the other, so each
 * receives only what the other sent (a connected datagram socket drops anything from another
 * address) and neither sends anywhere else. Both non-blocking, for {@link DatagramClient} and
 * {@link DatagramEchoServer}.
 */
public final class DatagramPair implements AutoCloseable {

    /** The largest UDP payload over IPv4: 65535 less the IPv4 and UDP headers. */
    public static final int MAX_PAYLOAD = 65_507;

    private final DatagramChannel client;
    private final DatagramChannel server;

    private DatagramPair(DatagramChannel client, DatagramChannel server) {
        this.client = client;
        this.server = server;
    }

    public static DatagramPair open() throws IOException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        DatagramChannel server = DatagramChannel.open().bind(new InetSocketAddress(lo, 0));
        DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress(lo, 0));
        client.connect(server.getLocalAddress());
        server.connect(client.getLocalAddress());
        client.configureBlocking(false);
        server.configureBlocking(false);
        return new DatagramPair(client, server);
    }

    public DatagramChannel client() {
        return client;
    }

    public DatagramChannel server() {
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
