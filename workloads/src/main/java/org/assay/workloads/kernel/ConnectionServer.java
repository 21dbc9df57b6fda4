package org.assay.workloads.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The server of netperf's TCP_CRR: a listener on 127.0.0.1 at a port the kernel picks; each
 * call accepts one connection, reads its one-byte request, answers with the same byte and closes.
 * Accept and read poll {@code stop} every few ms (a client that stopped first leaves the server
 * waiting for nothing otherwise); a connection cut short is carried on by the next call, and one
 * the client opened after the server stopped waits in the backlog for the next iteration.
 */
public final class ConnectionServer implements AutoCloseable {

    private final ServerSocket listener;
    private Socket current;
    private long served;

    public ConnectionServer() throws IOException {
        listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        listener.setSoTimeout(ConnectionClient.POLL_MILLIS);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** @return true when one connection was answered and closed, false when {@code stop} fired first */
    public boolean serve(BooleanSupplier stop) throws IOException {
        while (current == null) {
            try {
                Socket s = listener.accept();
                s.setTcpNoDelay(true);
                s.setSoTimeout(ConnectionClient.POLL_MILLIS);
                current = s;
            } catch (SocketTimeoutException e) {
                if (stop.getAsBoolean()) {
                    return false;
                }
            }
        }
        int request;
        while (true) {
            try {
                request = current.getInputStream().read();
                break;
            } catch (SocketTimeoutException e) {
                if (stop.getAsBoolean()) {
                    return false;
                }
            }
        }
        if (request >= 0) {
            current.getOutputStream().write(request);
        }
        current.close();
        current = null;
        served++;
        return true;
    }

    public long served() {
        return served;
    }

    @Override
    public void close() throws IOException {
        try {
            if (current != null) {
                current.close();
            }
        } finally {
            listener.close();
        }
    }
}
