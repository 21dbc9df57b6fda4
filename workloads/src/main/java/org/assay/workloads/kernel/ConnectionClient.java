package org.assay.workloads.kernel;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The client of netperf's TCP_CRR: each transaction connects to the listener, sends a one-byte
 * request, waits for the one-byte answer and closes, so what is measured is the connection's
 * set-up and tear-down (SYN, SYN-ACK, ACK, FIN both ways) around one exchange. The client closes
 * first, so the TIME_WAIT ends are its own; Linux reuses them for new loopback connections
 * ({@code net.ipv4.tcp_tw_reuse} 2, its default), as it does for netperf.
 *
 * <p>The wait for the answer polls {@code stop} every {@link #POLL_MILLIS} ms, so a server that
 * stopped first never hangs the client; a transaction cut short is finished by the next call.
 */
public final class ConnectionClient implements AutoCloseable {

    static final int POLL_MILLIS = 5;

    private final InetSocketAddress server;
    private Socket pending;
    private byte sent;
    private long transactions;
    private long bad;
    private String firstProblem;

    public ConnectionClient(InetSocketAddress server) {
        this.server = server;
    }

    /** @return true when one whole transaction (connect, exchange, close) was done, false when {@code stop} fired first */
    public boolean transact(BooleanSupplier stop) throws IOException {
        if (pending == null) {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            s.connect(server);
            s.setSoTimeout(POLL_MILLIS);
            sent = (byte) transactions;
            s.getOutputStream().write(sent);
            pending = s;
        }
        int answer;
        while (true) {
            try {
                answer = pending.getInputStream().read();
                break;
            } catch (SocketTimeoutException e) {
                if (stop.getAsBoolean()) {
                    return false;
                }
            }
        }
        pending.close();
        pending = null;
        if (answer < 0) {
            throw new EOFException("the server closed connection " + transactions + " without answering");
        }
        if ((byte) answer != sent) {
            bad++;
            if (firstProblem == null) {
                firstProblem = "connection " + transactions + ": expected the answer " + (sent & 0xFF) + " but got " + answer;
            }
        }
        transactions++;
        return true;
    }

    public long transactions() {
        return transactions;
    }

    /** @throws IllegalStateException when any answer so far was not its request's */
    public void verify() {
        if (firstProblem != null) {
            throw new IllegalStateException("TCP connect/request/response: " + bad + " of " + transactions
                    + " answers were wrong; first: " + firstProblem);
        }
    }

    @Override
    public void close() throws IOException {
        if (pending != null) {
            pending.close();
        }
    }
}
