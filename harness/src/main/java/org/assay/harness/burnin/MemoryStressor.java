package org.assay.harness.burnin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Memory load: the tested bytes split among threads, each pinned to its CPU and owning a region
 * it runs the {@link MemoryPatterns} over, pass after pass: walking ones, walking zeros, moving
 * inversions, random words with checksums; then, in step with the others (a {@link Phaser}),
 * it copies the random words the next thread wrote on another core into a copy area of its own
 * and checks them. A quarter of each thread's share is its copy area, the rest its region.
 *
 * <p>Every miscompare is an error with its byte offset in the tested memory (thread regions laid
 * end to end), the native address, the expected and read words, and the CPU of the thread that
 * read it.
 */
public final class MemoryStressor implements Stressor {

    private final List<Integer> cpus;
    private final long bytes;
    private final StressContext ctx;
    private final Meter meter = new Meter(Component.MEMORY, "memory.bytes", "MB/s", 1e-6);
    private final List<OffHeapWords> regions = new ArrayList<>();
    private final List<OffHeapWords> copies = new ArrayList<>();
    private final Phaser lockstep;

    /** Allocates {@code bytes} (split over the threads) now, so a refusal comes before the phase starts. */
    public MemoryStressor(List<Integer> cpus, long bytes, StressContext ctx) {
        this.cpus = List.copyOf(cpus);
        this.bytes = bytes;
        this.ctx = ctx;
        long share = bytes / cpus.size() / Long.BYTES;
        long copyWords = Math.max(1, share / 4);
        long regionWords = Math.max(1, share - copyWords);
        try {
            for (int i = 0; i < cpus.size(); i++) {
                regions.add(new OffHeapWords(regionWords, (long) i * share * Long.BYTES));
                copies.add(new OffHeapWords(copyWords, ((long) i * share + regionWords) * Long.BYTES));
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            close();
            throw e;
        }
        this.lockstep = new Phaser(cpus.size());
    }

    @Override
    public Component component() {
        return Component.MEMORY;
    }

    @Override
    public List<Meter> meters() {
        return List.of(meter);
    }

    @Override
    public List<Worker> workers() {
        List<Worker> w = new ArrayList<>();
        for (int i = 0; i < cpus.size(); i++) {
            int index = i;
            w.add(new Worker("assay-burnin-memory-" + i, cpus.get(i), () -> loop(index)));
        }
        return w;
    }

    static long seed(int thread, long pass) {
        return 0x5EED_0000L + thread * 0x1_0000_0001L + pass * 0x9E37L;
    }

    private void loop(int index) {
        OffHeapWords region = regions.get(index);
        OffHeapWords copy = copies.get(index);
        int neighbour = (index + 1) % cpus.size();
        try {
            for (long pass = 1; !ctx.stopped(); pass++) {
                long round = pass;
                MemoryPatterns.Report report = (test, word, want, got) -> report(region, test, round, word, want, got);
                MemoryPatterns.Report copyReport = (test, word, want, got) -> report(copy, test, round, word, want, got);
                MemoryPatterns.Progress progress = meter::add;
                // the test hook flips its bit in the first pattern: the earliest any read checks
                MemoryPatterns.walkingOnes(region, pass, () -> inject(region), report, progress, ctx::stopped);
                MemoryPatterns.walkingZeros(region, pass, () -> { }, report, progress, ctx::stopped);
                MemoryPatterns.movingInversions(region, MemoryPatterns.random(pass, index), () -> { }, report, progress,
                        ctx::stopped);
                MemoryPatterns.randomChecksummed(region, seed(index, pass), () -> { }, report, progress,
                        ctx::stopped);
                // every thread has written its random words: copy the neighbour's across cores
                if (!await()) {
                    return;
                }
                MemoryPatterns.copyAndCheck(regions.get(neighbour), copy, seed(neighbour, pass), () -> { }, copyReport,
                        progress, ctx::stopped);
                // nobody rewrites its region until every copy of it is done
                if (!await()) {
                    return;
                }
            }
        } finally {
            // a thread leaves only when the phase stops: release the others from any wait at once
            lockstep.forceTermination();
        }
    }

    /** Waits for the other threads, giving up when the phase stops (a stopped thread no longer arrives). */
    private boolean await() {
        int phase = lockstep.arrive();
        while (phase >= 0 && !ctx.stopped()) {
            try {
                return lockstep.awaitAdvanceInterruptibly(phase, 100, TimeUnit.MILLISECONDS) >= 0;
            } catch (TimeoutException e) {
                // check the stop flag and wait again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private void inject(OffHeapWords region) {
        if (ctx.faults().fire(Component.MEMORY)) {
            long i = region.words() / 2;
            region.write(i, region.read(i) ^ (1L << 17));
        }
    }

    private void report(OffHeapWords w, String test, long round, long word, long want, long got) {
        ctx.error(Component.MEMORY, round, test, String.format(Locale.ROOT, "offset 0x%x (address 0x%x)",
                w.byteOffset(word), w.address(word)), hex(want), hex(got));
    }

    static String hex(long v) {
        return String.format(Locale.ROOT, "%016x", v);
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bytes", bytes);
        m.put("threads", cpus.size());
        m.put("cpus", cpus);
        m.put("tests", List.of("walking-ones", "walking-zeros", "moving-inversions", "random-checksum", "copy"));
        return m;
    }

    @Override
    public void close() {
        regions.forEach(OffHeapWords::close);
        copies.forEach(OffHeapWords::close);
    }
}
