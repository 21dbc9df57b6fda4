package org.assay.harness.live;

import org.assay.harness.UsageException;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * {@code --metrics-port} and {@code --metrics-address}: a live {@code /metrics} endpoint for a
 * command that runs for a while. Off unless a port is given; loopback unless an address is.
 */
public final class MetricsOptions {

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve live figures (progress, last scores, probe readings) as OpenMetrics at "
                    + "http://ADDR:PORT/metrics while running; 0 picks a free port and prints it. Default: off.")
    Integer port;

    @Option(names = "--metrics-address", paramLabel = "ADDR",
            description = "Address the metrics endpoint listens on (default: 127.0.0.1, this machine only); "
                    + "0.0.0.0 lets other machines scrape it.")
    String address;

    /** Whether a port was given. */
    public boolean enabled() {
        return port != null;
    }

    /**
     * The address to listen on, refused as bad input when the port is out of range, the address
     * cannot be resolved, or an address is given without a port.
     */
    public InetSocketAddress bindAddress() {
        if (port == null) {
            if (address != null) {
                throw new UsageException("--metrics-address " + address + ": needs --metrics-port PORT (0 for any free port)");
            }
            return null;
        }
        if (port < 0 || port > 65535) {
            throw new UsageException("--metrics-port " + port + ": must be 0 (any free port) to 65535");
        }
        String host = address == null ? "127.0.0.1" : address;
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException | SecurityException e) {
            throw new UsageException("--metrics-address " + host + ": not an address of this machine (e.g. 127.0.0.1 or 0.0.0.0)");
        }
    }

    /**
     * Starts the endpoint, or returns null when no port was given. A port already taken, or an
     * address this machine does not have, is bad input: refused before anything is measured.
     */
    public MetricsServer start(LiveMetrics metrics) {
        InetSocketAddress bind = bindAddress();
        if (bind == null) {
            return null;
        }
        try {
            return MetricsServer.start(bind, metrics);
        } catch (IOException e) {
            throw new UsageException("--metrics-port " + port + ": cannot listen on "
                    + bind.getAddress().getHostAddress() + ":" + port + " (" + e.getMessage()
                    + "); give a free port, or 0 for any");
        }
    }
}
