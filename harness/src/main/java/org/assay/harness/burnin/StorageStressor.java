package org.assay.harness.burnin;

import org.assay.workloads.fork.StorageFiles;
import org.assay.workloads.kernel.DirectFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Storage load: one file per queue slot ({@code queueDepth} threads, each with one synchronous
 * I/O in flight, so the device sees that many at once), each filled with {@link StorageBlock}s
 * and then hit with random block writes and reads, half and half, every read checked against
 * the generation the file's own map says it last wrote. {@code O_DIRECT} where the file system
 * takes it (the device, not the page cache, answers the reads); otherwise buffered I/O, which
 * {@link #settings()} says, since reads then mostly test the page cache.
 *
 * <p>Files are {@code assay-storage-<run>-burnin-N.dat} ({@link StorageFiles}): removed by
 * {@link #close()}, by a shutdown hook on Ctrl-C, and found as leftovers by any later run.
 */
public final class StorageStressor implements Stressor {

    public static final int BLOCK = 64 * 1024;

    private final List<Integer> cpus;
    private final Path dir;
    private final long fileBytes;
    private final StressContext ctx;
    private final boolean direct;
    private final int align;
    private final List<Path> files = new ArrayList<>();
    private final List<Thread> hooks = new ArrayList<>();
    private final Meter meter = new Meter(Component.STORAGE, "storage.bytes", "MB/s", 1e-6);
    private final Meter operations = new Meter(Component.STORAGE, "storage.ops", "IOPS", 1);

    /** @param cpus one per queue slot */
    public StorageStressor(List<Integer> cpus, Path dir, long bytes, String runId, StressContext ctx) throws IOException {
        this.cpus = List.copyOf(cpus);
        this.dir = dir;
        this.ctx = ctx;
        this.align = Math.toIntExact(Math.max(512, Files.getFileStore(dir).getBlockSize()));
        long perFile = bytes / cpus.size() / BLOCK * BLOCK;
        this.fileBytes = Math.max(BLOCK, perFile);
        this.direct = BLOCK % align == 0 && DirectFile.acceptsDirect(StorageFiles.file(dir, runId, "burnin-probe"));
        for (int i = 0; i < cpus.size(); i++) {
            Path f = StorageFiles.file(dir, runId, "burnin-" + i);
            files.add(f);
            hooks.add(StorageFiles.removeOnExit(f));
        }
    }

    @Override
    public Component component() {
        return Component.STORAGE;
    }

    @Override
    public List<Meter> meters() {
        return List.of(meter, operations);
    }

    @Override
    public List<Worker> workers() {
        List<Worker> w = new ArrayList<>();
        for (int i = 0; i < cpus.size(); i++) {
            int index = i;
            w.add(new Worker("assay-burnin-storage-" + i, cpus.get(i), () -> loop(index)));
        }
        return w;
    }

    private void loop(int index) {
        Path file = files.get(index);
        long seed = 0xD15C_0000L + index;
        int blocks = (int) (fileBytes / BLOCK);
        long[] generation = new long[blocks];
        ByteBuffer buf = DirectFile.alignedBuffer(BLOCK, align);
        SplittableRandom random = new SplittableRandom(seed);
        DirectFile.IoMode mode = direct ? DirectFile.IoMode.DIRECT : DirectFile.IoMode.BUFFERED_DROPPED;
        long op = 0;
        try (FileChannel ch = DirectFile.open(file, mode, true)) {
            for (int b = 0; b < blocks && !ctx.stopped(); b++) {
                write(ch, buf, seed, b, ++generation[b]);
                op++;
            }
            while (!ctx.stopped()) {
                int b = random.nextInt(blocks);
                op++;
                if (random.nextBoolean()) {
                    write(ch, buf, seed, b, ++generation[b]);
                } else if (generation[b] > 0) {
                    read(ch, buf, b);
                    if (ctx.faults().fire(Component.STORAGE)) {
                        buf.put(StorageBlock.HEADER + 8, (byte) (buf.get(StorageBlock.HEADER + 8) ^ 0x10));
                    }
                    StorageBlock.Problem p = StorageBlock.check(buf, seed, (long) b * BLOCK, generation[b]);
                    if (p != null) {
                        ctx.error(Component.STORAGE, op, "block-read", file.getFileName() + " " + p.location(),
                                p.expected(), p.actual());
                    }
                }
            }
        } catch (IOException e) {
            ctx.error(Component.STORAGE, op, "io", file.toString(), "the I/O to succeed", String.valueOf(e));
        } finally {
            StorageFiles.remove(List.of(file));
        }
    }

    private void write(FileChannel ch, ByteBuffer buf, long seed, int block, long gen) throws IOException {
        StorageBlock.stamp(buf, seed, (long) block * BLOCK, gen);
        ByteBuffer b = buf.duplicate().clear();
        while (b.hasRemaining()) {
            ch.write(b, (long) block * BLOCK + b.position());
        }
        meter.add(BLOCK);
        operations.add(1);
    }

    private void read(FileChannel ch, ByteBuffer buf, int block) throws IOException {
        ByteBuffer b = buf.duplicate().clear();
        while (b.hasRemaining()) {
            if (ch.read(b, (long) block * BLOCK + b.position()) < 0) {
                break;
            }
        }
        meter.add(BLOCK);
        operations.add(1);
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dir", dir.toString());
        m.put("bytes", fileBytes * cpus.size());
        m.put("queueDepth", cpus.size());
        m.put("cpus", cpus);
        m.put("blockBytes", BLOCK);
        m.put("io", direct ? "direct" : "buffered (the file system refused O_DIRECT: reads may come from the page cache)");
        return m;
    }

    @Override
    public void close() {
        StorageFiles.remove(files);
        for (Thread h : hooks) {
            try {
                Runtime.getRuntime().removeShutdownHook(h);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs or ran: it removes the files itself
            }
        }
    }

    /** The files this load writes, for a check that none is left. */
    public List<Path> files() {
        return List.copyOf(files);
    }
}
