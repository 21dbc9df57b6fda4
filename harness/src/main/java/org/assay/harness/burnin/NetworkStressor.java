package org.assay.harness.burnin;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Network load: loopback TCP connections (127.0.0.1, ports the kernel picks, the listener closed
 * once connected), each a sender and a receiver thread on their planned CPUs streaming
 * {@value #MESSAGE}-byte messages. Each message carries its sequence number and a CRC32C of its
 * payload; the receiver checks both, so a lost, repeated, reordered or altered message is an
 * error with its number. Loopback exercises the kernel's TCP stack, socket buffers and the
 * memory copies between cores; it never touches a NIC.
 */
public final class NetworkStressor implements Stressor {

    public static final int MESSAGE = 64 * 1024;
    static final int HEADER = 16;

    private final List<Integer> cpus;
    private final StressContext ctx;
    private final List<SocketChannel[]> pairs = new ArrayList<>();
    private final Meter meter = new Meter(Component.NETWORK, "network.bytes", "MB/s", 1e-6);

    /** @param cpus two per connection: sender, receiver */
    public NetworkStressor(List<Integer> cpus, StressContext ctx) throws IOException {
        this.cpus = List.copyOf(cpus);
        this.ctx = ctx;
        try {
            for (int i = 0; i + 1 < cpus.size(); i += 2) {
                try (ServerSocketChannel listener = ServerSocketChannel.open()) {
                    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
                    SocketChannel client = SocketChannel.open(listener.getLocalAddress());
                    SocketChannel server = listener.accept();
                    pairs.add(new SocketChannel[] {client, server});
                }
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    @Override
    public Component component() {
        return Component.NETWORK;
    }

    @Override
    public List<Meter> meters() {
        return List.of(meter);
    }

    @Override
    public List<Worker> workers() {
        List<Worker> w = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            SocketChannel[] p = pairs.get(i);
            w.add(new Worker("assay-burnin-net-send-" + i, cpus.get(2 * i), () -> send(p[0])));
            w.add(new Worker("assay-burnin-net-recv-" + i, cpus.get(2 * i + 1), () -> receive(p[1])));
        }
        return w;
    }

    /** The payload word at byte {@code at} of message {@code seq}: different in every message. */
    static long word(long seq, int at) {
        return MemoryPatterns.random(seq * 0x2545F4914F6CDD1DL, at >>> 3);
    }

    /** Stamps message {@code seq} into {@code b}: the sequence number, then the payload and its CRC32C. */
    static void stamp(ByteBuffer b, long seq) {
        b.putLong(0, seq);
        // one payload word per 4 KiB varies with seq: every message differs, at little cost
        for (int at = HEADER; at + 8 <= MESSAGE; at += 4096) {
            b.putLong(at, word(seq, at));
        }
        CRC32C crc = new CRC32C();
        crc.update(b.duplicate().position(HEADER).limit(MESSAGE));
        b.putInt(8, (int) crc.getValue());
    }

    /** What is wrong with received message {@code seq}, or null. */
    static String[] check(ByteBuffer b, long seq) {
        long got = b.getLong(0);
        if (got != seq) {
            return new String[] {"message " + seq + " sequence number", String.valueOf(seq), String.valueOf(got)};
        }
        CRC32C crc = new CRC32C();
        crc.update(b.duplicate().position(HEADER).limit(MESSAGE));
        int want = b.getInt(8);
        if ((int) crc.getValue() != want) {
            return new String[] {"message " + seq + " payload CRC32C", Integer.toHexString(want),
                    Integer.toHexString((int) crc.getValue())};
        }
        return null;
    }

    static ByteBuffer message() {
        ByteBuffer b = ByteBuffer.allocateDirect(MESSAGE).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at + 8 <= MESSAGE; at += 8) {
            b.putLong(at, MemoryPatterns.random(0xFEED, at));
        }
        return b;
    }

    private void send(SocketChannel ch) {
        ByteBuffer b = message();
        try {
            for (long seq = 1; !ctx.stopped(); seq++) {
                stamp(b, seq);
                b.clear();
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
        } catch (IOException e) {
            if (!ctx.stopped()) {
                ctx.error(Component.NETWORK, 0, "send", "loopback connection", "the write to succeed", String.valueOf(e));
            }
        } finally {
            closeQuietly(ch);     // the receiver sees the end of the stream and stops too
        }
    }

    private void receive(SocketChannel ch) {
        ByteBuffer b = ByteBuffer.allocateDirect(MESSAGE).order(ByteOrder.LITTLE_ENDIAN);
        long seq = 1;
        try {
            while (true) {
                b.clear();
                while (b.hasRemaining()) {
                    if (ch.read(b) < 0) {
                        return;         // the sender stopped
                    }
                }
                if (ctx.faults().fire(Component.NETWORK)) {
                    b.put(HEADER + 100, (byte) (b.get(HEADER + 100) ^ 0x04));
                }
                String[] problem = check(b, seq);
                if (problem != null) {
                    ctx.error(Component.NETWORK, seq, "message", problem[0], problem[1], problem[2]);
                    if (problem[0].endsWith("sequence number")) {
                        seq = b.getLong(0);     // resynchronise: one lost message is one error, not all that follow
                    }
                }
                meter.add(MESSAGE);
                seq++;
            }
        } catch (IOException e) {
            if (!ctx.stopped()) {
                ctx.error(Component.NETWORK, seq, "receive", "loopback connection", "the read to succeed", String.valueOf(e));
            }
        } finally {
            closeQuietly(ch);
        }
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("connections", pairs.size());
        m.put("cpus", cpus);
        m.put("messageBytes", MESSAGE);
        m.put("address", "127.0.0.1 (loopback)");
        return m;
    }

    @Override
    public void close() {
        for (SocketChannel[] p : pairs) {
            closeQuietly(p[0]);
            closeQuietly(p[1]);
        }
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing a loopback socket: nothing to recover
        }
    }
}
