package org.assay.workloads.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.concurrent.atomic.LongAdder;

/**
 * Background memory traffic for the loaded-latency measurement (Intel MLC's idea): a thread
 * that reads its own DRAM-sized off-heap array in 64 KiB chunks for {@code intensity} percent of
 * every 200 µs period and spins for the rest. Bytes read are counted, so the load actually
 * generated is measured, not assumed from the intensity.
 *
 * <p>The sums are folded into a field the JIT cannot prove unused ({@link #checksum()}), so the
 * reads are not eliminated.
 */
public final class BandwidthLoad implements Runnable {

    private static final int CHUNK_LONGS = 8192;     // 64 KiB
    private static final long PERIOD_NANOS = 200_000;

    private final LongBuffer data;
    private final int longs;
    private final LongAdder bytesRead;
    private volatile int intensityPercent;
    private volatile boolean running = true;
    private long checksum;

    public BandwidthLoad(long arrayBytes, LongAdder bytesRead) {
        this.longs = Math.toIntExact(arrayBytes / Long.BYTES / CHUNK_LONGS * CHUNK_LONGS);
        this.data = ByteBuffer.allocateDirect(longs * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
        for (int i = 0; i < longs; i++) {
            data.put(i, i); // first touch here, by the constructing thread (the load thread itself)
        }
        this.bytesRead = bytesRead;
    }

    public void setIntensity(int percent) {
        intensityPercent = Math.max(0, Math.min(100, percent));
    }

    public void stop() {
        running = false;
    }

    @Override
    public void run() {
        int pos = 0;
        long s = 0;
        while (running) {
            long start = System.nanoTime();
            long busyUntil = start + PERIOD_NANOS * intensityPercent / 100;
            long end = start + PERIOD_NANOS;
            long now = start;
            while (now < busyUntil) {
                s += chunk(pos);
                bytesRead.add((long) CHUNK_LONGS * Long.BYTES);
                pos = pos + CHUNK_LONGS == longs ? 0 : pos + CHUNK_LONGS;
                now = System.nanoTime();
            }
            while (now < end) {
                Thread.onSpinWait();
                now = System.nanoTime();
            }
        }
        checksum = s;
    }

    /**
     * One 64 KiB chunk, in its own method: as a loop nested in {@link #run()} it was only ever
     * OSR-compiled and read 3 GB/s where the same loop as a method reads 18.
     */
    private long chunk(int pos) {
        final LongBuffer d = data;
        long s = 0;
        for (int i = pos; i < pos + CHUNK_LONGS; i++) {
            s += d.get(i);
        }
        return s;
    }

    public long checksum() {
        return checksum;
    }
}
