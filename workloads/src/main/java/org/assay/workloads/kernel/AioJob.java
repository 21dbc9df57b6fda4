package org.assay.workloads.kernel;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * One storage job with {@code depth} I/Os in flight through Linux AIO (fio's
 * {@code --ioengine=libaio --iodepth=N}, direct I/O only): the same slice, patterns, data and
 * checks as {@link IoJob}, but each {@link #op()} takes one completion, checks it and submits
 * the next request in its place, so about {@code depth} requests stay queued at the device.
 * Completions are reaped as fio's engine does, every one there is (at least one) per
 * {@code io_getevents}, and handed out one per operation. A latency is from submission to the
 * reaping (fio's {@code lat}). Two requests in flight never
 * touch the same block, so a read is never checked against a write still under way.
 */
public final class AioJob implements IoEngine {

    private final int fd;
    private final long ctx;
    private final IoPattern pattern;
    private final int blockSize;
    private final long sliceStart;
    private final long blocks;
    private final int readPercent;
    private final BlockData data;
    private final SplittableRandom random;
    private final int depth;
    private final Memory iocbs;
    private final Memory iocbPointers;
    private final Memory events;
    private final ByteBuffer[] buffers;
    private final Pointer[] bufferAddress;
    private final Pointer[] iocb;
    private final Pointer[] iocbPointer;
    /** Completions reaped by the last io_getevents and not yet handed out by {@link #op()}. */
    private int reaped;
    private int handed;
    private long reapedAt;
    private final long[] block;
    private final boolean[] read;
    private final int[] gen;
    private final long[] submitted;
    private final int[] generation;
    private final boolean[] busy;
    private final Histogram latency = new Histogram(3);
    private long next;
    private int inFlight;
    private boolean recording;
    private long reads;
    private long writes;

    public AioJob(Path file, IoPattern pattern, int blockSize, int align, long sliceStart, long sliceBytes,
                  int readPercent, BlockData data, long seed, int depth) throws IOException {
        IoJob.checkShape(blockSize, align, sliceStart, sliceBytes, readPercent);
        long nBlocks = sliceBytes / blockSize;
        if (depth < 1 || depth > nBlocks) {
            throw new IllegalArgumentException("queue depth " + depth + " must be between 1 and the slice's " + nBlocks + " blocks");
        }
        if (pattern.syncs()) {
            throw new IllegalArgumentException("fdatasync latency is measured one request at a time: queue depth 1");
        }
        this.pattern = pattern;
        this.blockSize = blockSize;
        this.sliceStart = sliceStart;
        this.blocks = nBlocks;
        this.readPercent = pattern == IoPattern.RAND_RW ? readPercent : pattern.reads() ? 100 : 0;
        this.data = data;
        this.random = new SplittableRandom(seed);
        this.depth = depth;
        this.iocbs = new Memory((long) LinuxAio.IOCB_BYTES * depth);
        this.iocbPointers = new Memory(8L * depth);
        this.events = new Memory((long) LinuxAio.EVENT_BYTES * depth);
        this.buffers = new ByteBuffer[depth];
        this.bufferAddress = new Pointer[depth];
        this.iocb = new Pointer[depth];
        this.iocbPointer = new Pointer[depth];
        this.block = new long[depth];
        this.read = new boolean[depth];
        this.gen = new int[depth];
        this.submitted = new long[depth];
        this.generation = new int[(int) nBlocks];
        this.busy = new boolean[(int) nBlocks];
        for (int i = 0; i < depth; i++) {
            buffers[i] = DirectFile.alignedBuffer(blockSize, align);
            BlockData.randomise(buffers[i], seed ^ (0x5DEECE66DL * (i + 1)));
            bufferAddress[i] = Native.getDirectBufferPointer(buffers[i]);
            iocb[i] = iocbs.share((long) i * LinuxAio.IOCB_BYTES, LinuxAio.IOCB_BYTES);
            iocbPointers.setPointer(8L * i, iocb[i]);
            iocbPointer[i] = iocbPointers.share(8L * i, 8);
        }
        this.fd = LinuxAio.openDirect(file.toAbsolutePath().toString());
        long c;
        try {
            c = LinuxAio.setup(depth);
        } catch (IOException e) {
            LinuxAio.c().close(fd);
            throw e;
        }
        this.ctx = c;
        for (int i = 0; i < depth; i++) {
            prepare(i);
        }
        LinuxAio.submit(ctx, depth, iocbPointers);
        inFlight = depth;
    }

    private void prepare(int slot) {
        long b;
        if (pattern.sequential()) {
            b = next++ % blocks;
        } else {
            do {
                b = random.nextLong(blocks);
            } while (busy[(int) b]);
        }
        busy[(int) b] = true;
        long offset = sliceStart + b * blockSize;
        boolean r = readPercent == 100 || (readPercent > 0 && random.nextInt(100) < readPercent);
        block[slot] = b;
        read[slot] = r;
        if (!r) {
            gen[slot] = generation[(int) b] + 1;
            data.stamp(buffers[slot], blockSize, offset, gen[slot]);
        }
        LinuxAio.prepare(iocb[slot], slot, r ? LinuxAio.IOCB_CMD_PREAD : LinuxAio.IOCB_CMD_PWRITE, fd,
                bufferAddress[slot], blockSize, offset);
        submitted[slot] = System.nanoTime();
    }

    @Override
    public long op() throws IOException {
        if (handed == reaped) {
            // as fio's libaio engine: reap every completion there is (at least one), hand them out one by one
            reaped = LinuxAio.getEvents(ctx, 1, depth, events);
            reapedAt = System.nanoTime();
            handed = 0;
            inFlight -= reaped;
        }
        long now = reapedAt;
        long e = (long) LinuxAio.EVENT_BYTES * handed++;
        int slot = (int) events.getLong(e);
        long res = events.getLong(e + 16);
        long offset = sliceStart + block[slot] * blockSize;
        if (res != blockSize) {
            throw new IllegalStateException((read[slot] ? "read" : "write") + " at file offset " + offset + " of " + blockSize
                    + " bytes returned " + res + (res < 0 ? " (errno " + -res + ")" : ""));
        }
        if (recording) {
            latency.recordValue(Math.max(1, now - submitted[slot]));
        }
        if (read[slot]) {
            data.check(buffers[slot], blockSize, offset, generation[(int) block[slot]]);
            reads++;
        } else {
            generation[(int) block[slot]] = gen[slot];
            writes++;
        }
        busy[(int) block[slot]] = false;
        prepare(slot);
        LinuxAio.submit(ctx, 1, iocbPointer[slot]);
        inFlight++;
        return blockSize;
    }

    @Override
    public void recording(boolean on) {
        recording = on;
    }

    @Override
    public Histogram latency() {
        return latency;
    }

    @Override
    public long reads() {
        return reads;
    }

    @Override
    public long writes() {
        return writes;
    }

    /** Waits for every request in flight, then releases the context and the descriptor. */
    @Override
    public void close() throws IOException {
        try {
            while (inFlight > 0) {
                inFlight -= LinuxAio.getEvents(ctx, 1, depth, events);
            }
            LinuxAio.destroy(ctx);
        } finally {
            LinuxAio.c().close(fd);
        }
    }
}
