package org.assay.workloads.kernel;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * One storage job, as fio's {@code numjobs} with a synchronous engine ({@code psync}): its own
 * channel on the test file, its own slice of the file, one positional read or write at a time,
 * each one's latency recorded in an HdrHistogram (nanoseconds, three significant digits).
 *
 * <p>One {@link #op()} is one I/O of {@code blockSize} bytes (for {@link IoPattern#SYNC}: one write
 * and its {@code fdatasync}, whose latency alone is recorded, as fio's sync percentiles). Random
 * offsets are uniform over the slice's blocks (fio's {@code norandommap}); sequential ones walk
 * the slice and wrap. Every read is checked ({@link BlockData#check}) against the generation its
 * block was last written with, so a wrong, short or zero read fails the run.
 */
public final class IoJob implements IoEngine {

    private final FileChannel channel;
    private final IoPattern pattern;
    private final int blockSize;
    private final long sliceStart;
    private final long blocks;
    private final int readPercent;
    private final BlockData data;
    private final SplittableRandom random;
    private final ByteBuffer readBuf;
    private final ByteBuffer writeBuf;
    private final int[] generation;
    private final Histogram latency = new Histogram(3);
    private long next;
    private boolean recording;
    private long reads;
    private long writes;

    /**
     * @param readPercent share of reads for {@link IoPattern#RAND_RW}, 0 to 100 (fio's {@code rwmixread})
     * @param align       the file system's block size: buffers, offsets and lengths are multiples of it
     */
    public IoJob(Path file, DirectFile.IoMode mode, IoPattern pattern, int blockSize, int align, long sliceStart,
                 long sliceBytes, int readPercent, BlockData data, long seed) throws IOException {
        checkShape(blockSize, align, sliceStart, sliceBytes, readPercent);
        long nBlocks = sliceBytes / blockSize;
        this.pattern = pattern;
        this.blockSize = blockSize;
        this.sliceStart = sliceStart;
        this.blocks = nBlocks;
        this.readPercent = pattern == IoPattern.RAND_RW ? readPercent : pattern.reads() ? 100 : 0;
        this.data = data;
        this.random = new SplittableRandom(seed);
        this.readBuf = DirectFile.alignedBuffer(blockSize, align);
        this.writeBuf = DirectFile.alignedBuffer(blockSize, align);
        BlockData.randomise(writeBuf, seed ^ 0x5DEECE66DL);
        this.generation = new int[(int) nBlocks];
        this.channel = DirectFile.open(file, mode, false);
    }

    /** Refuses a block, slice or mix a job cannot take (shared with {@link AioJob}). */
    static void checkShape(int blockSize, int align, long sliceStart, long sliceBytes, int readPercent) {
        if (align <= 0 || blockSize <= 0 || blockSize % align != 0 || blockSize % 8 != 0) {
            throw new IllegalArgumentException("block size " + blockSize + " must be a positive multiple of the file system's block size "
                    + align);
        }
        if (sliceStart % align != 0 || sliceBytes < blockSize) {
            throw new IllegalArgumentException("slice at " + sliceStart + " of " + sliceBytes
                    + " bytes must be aligned to " + align + " and hold at least one block of " + blockSize);
        }
        if (readPercent < 0 || readPercent > 100) {
            throw new IllegalArgumentException("read share " + readPercent + "% must be between 0 and 100");
        }
        if (sliceBytes / blockSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("slice of " + sliceBytes / blockSize
                    + " blocks is too many for one job; use fewer, larger blocks");
        }
    }

    @Override
    public void recording(boolean on) {
        this.recording = on;
    }

    /** Every latency recorded so far, ns. */
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

    /** One I/O; returns the bytes moved. */
    @Override
    public long op() throws IOException {
        long block = pattern.sequential() ? next++ % blocks : random.nextLong(blocks);
        long offset = sliceStart + block * blockSize;
        boolean read = readPercent == 100 || (readPercent > 0 && random.nextInt(100) < readPercent);
        if (read) {
            ByteBuffer b = readBuf.clear();
            long t0 = System.nanoTime();
            while (b.hasRemaining()) {
                if (channel.read(b, offset + b.position()) < 0) {
                    throw new IllegalStateException("read at file offset " + (offset + b.position()) + " met the end of the file");
                }
            }
            record(System.nanoTime() - t0);
            data.check(readBuf, blockSize, offset, generation[(int) block]);
            reads++;
        } else {
            int gen = generation[(int) block] + 1;
            data.stamp(writeBuf, blockSize, offset, gen);
            ByteBuffer b = writeBuf.clear();
            long t0 = System.nanoTime();
            while (b.hasRemaining()) {
                channel.write(b, offset + b.position());
            }
            long t1 = System.nanoTime();
            if (pattern.syncs()) {
                channel.force(false); // fdatasync: the data and the metadata needed to read it back
                t0 = t1;
            }
            record(System.nanoTime() - t0);
            generation[(int) block] = gen;
            writes++;
        }
        return blockSize;
    }

    private void record(long nanos) {
        if (recording) {
            latency.recordValue(Math.max(1, nanos));
        }
    }

    /** Makes everything this job wrote durable. */
    public void sync() throws IOException {
        channel.force(true);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
