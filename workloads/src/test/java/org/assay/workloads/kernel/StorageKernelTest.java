package org.assay.workloads.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.Deflater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StorageKernelTest {

    private static final int ALIGN = 4096;

    @TempDir
    Path dir;

    @Test
    void filledDataIsNonZeroPositionDependentAndIncompressible() {
        BlockData d = new BlockData(42);
        ByteBuffer a = ByteBuffer.allocate(65536);
        d.fill(a, 0);
        Set<Long> words = new HashSet<>();
        for (int i = 0; i < a.limit(); i += 8) {
            long w = a.order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(i);
            assertNotEquals(0L, w);
            words.add(w);
        }
        assertEquals(65536 / 8, words.size(), "every word differs: nothing to deduplicate");
        Deflater z = new Deflater(Deflater.BEST_COMPRESSION);
        z.setInput(a.array());
        z.finish();
        byte[] out = new byte[70000];
        int n = z.deflate(out);
        assertTrue(n > 65000, "deflate cannot shrink it, got " + n);
        assertNotEquals(BlockData.word(42, 0, 0), BlockData.word(42, 0, 8));
        assertNotEquals(BlockData.word(42, 0, 0), BlockData.word(42, 1, 0));
    }

    @Test
    void checkAcceptsTheRightBlockAndRefusesAWrongOne() {
        BlockData d = new BlockData(7);
        ByteBuffer b = ByteBuffer.allocateDirect(16384);
        d.fill(b, 8192);
        d.check(b, 16384, 8192, 0);
        IllegalStateException wrongOffset = assertThrows(IllegalStateException.class, () -> d.check(b, 16384, 4096, 0));
        assertTrue(wrongOffset.getMessage().contains("expected"), wrongOffset.getMessage());
        ByteBuffer zeros = ByteBuffer.allocateDirect(4096);
        assertThrows(IllegalStateException.class, () -> d.check(zeros, 4096, 0, 0));
        // a torn read: only the first half arrived
        ByteBuffer torn = ByteBuffer.allocateDirect(4096);
        d.fill(torn.duplicate().limit(2048), 0);
        assertThrows(IllegalStateException.class, () -> d.check(torn, 4096, 0, 0));
        assertThrows(IllegalStateException.class, () -> d.check(b, 16384, 8192, 1), "a stale block is caught");
    }

    @Test
    void stampedWritesCheckAsTheirGenerationAndDifferEveryTime() {
        BlockData d = new BlockData(9);
        ByteBuffer w = ByteBuffer.allocateDirect(8192);
        BlockData.randomise(w, 1);
        d.stamp(w, 8192, 4096, 1);
        byte[] first = new byte[8192];
        w.duplicate().get(first);
        d.check(w, 8192, 4096, 1);
        d.stamp(w, 8192, 4096, 2);
        d.check(w, 8192, 4096, 2);
        byte[] second = new byte[8192];
        w.duplicate().get(second);
        int differing = 0;
        for (int i = 0; i < first.length; i += 512) {
            if (first[i + 8] != second[i + 8]) {
                differing++;
            }
        }
        assertTrue(differing >= 14, "a scrambled word in (nearly) every sector, got " + differing);
    }

    @Test
    void alignedBuffersAreAligned() {
        ByteBuffer b = DirectFile.alignedBuffer(12288, ALIGN);
        assertEquals(12288, b.capacity());
        assertEquals(0, b.alignmentOffset(0, ALIGN));
    }

    @Test
    void aMixedJobReadsWhatItWroteAndRecordsEveryOp() throws IOException {
        Path f = dir.resolve("t.dat");
        DirectFile.IoMode mode = mode();
        BlockData d = new BlockData(11);
        DirectFile.create(f, 4L << 20, d, mode, ALIGN);
        try (IoJob job = new IoJob(f, mode, IoPattern.RAND_RW, ALIGN, ALIGN, 1 << 20, 1 << 20, 70, d, 3)) {
            job.recording(true);
            for (int i = 0; i < 3000; i++) {
                assertEquals(ALIGN, job.op());
            }
            assertEquals(3000, job.latency().getTotalCount());
            double readShare = job.reads() / 3000.0;
            assertTrue(readShare > 0.65 && readShare < 0.75, "70/30 mix, got " + readShare);
            assertTrue(job.latency().getValueAtPercentile(50) > 0);
        }
    }

    @Test
    void aSequentialWriteThenReadWrapsItsSliceAndStaysVerified() throws IOException {
        Path f = dir.resolve("s.dat");
        DirectFile.IoMode mode = mode();
        BlockData d = new BlockData(12);
        DirectFile.create(f, 2L << 20, d, mode, ALIGN);
        try (IoJob w = new IoJob(f, mode, IoPattern.SYNC, 4 * ALIGN, ALIGN, 0, 1 << 20, 0, d, 4)) {
            w.recording(true);
            for (int i = 0; i < 20; i++) {
                w.op();
            }
            assertEquals(20, w.writes());
        }
        // what the writer wrote is generation 1 of its first 20 blocks: a fresh reader expects the fill
        try (IoJob r = new IoJob(f, mode, IoPattern.SEQ_READ, 4 * ALIGN, ALIGN, 1 << 20, 1 << 20, 0, d, 5)) {
            for (int i = 0; i < 100; i++) {
                r.op(); // the second half is untouched fill data; wraps after 64 blocks
            }
        }
        try (IoJob r = new IoJob(f, mode, IoPattern.SEQ_READ, 4 * ALIGN, ALIGN, 0, 1 << 20, 0, d, 5)) {
            assertThrows(IllegalStateException.class, r::op, "the rewritten block no longer holds the fill");
        }
    }

    @Test
    void aCorruptedBlockOnDiskFailsTheRead() throws IOException {
        Path f = dir.resolve("c.dat");
        DirectFile.IoMode mode = mode();
        BlockData d = new BlockData(13);
        DirectFile.create(f, 1L << 20, d, mode, ALIGN);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(ALIGN), 0); // zeros over the first block
            ch.force(true);
        }
        try (IoJob r = new IoJob(f, mode, IoPattern.SEQ_READ, ALIGN, ALIGN, 0, 1 << 20, 0, d, 5)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, r::op);
            assertTrue(e.getMessage().contains("got 0000000000000000"), e.getMessage());
        }
    }

    @Test
    void bufferedModeDropsPagesAndStaysVerified() throws IOException {
        Path f = dir.resolve("b.dat");
        BlockData d = new BlockData(14);
        DirectFile.create(f, 2L << 20, d, DirectFile.IoMode.BUFFERED_DROPPED, ALIGN); // drops at the end
        try (IoJob job = new IoJob(f, DirectFile.IoMode.BUFFERED_DROPPED, IoPattern.RAND_RW, ALIGN, ALIGN, 0, 2L << 20,
                50, d, 6)) {
            for (int i = 0; i < 500; i++) {
                job.op();
            }
            job.sync();
            PageCache.drop(f); // what the benchmark does between iterations
            for (int i = 0; i < 500; i++) {
                job.op(); // reads after the drop come from the device and still check
            }
            assertTrue(job.reads() > 300 && job.writes() > 300);
        }
    }

    @Test
    void aQueuedJobKeepsItsDepthInFlightAndChecksEveryCompletion() throws IOException {
        Path f = dir.resolve("q.dat");
        org.junit.jupiter.api.Assumptions.assumeTrue(DirectFile.acceptsDirect(dir.resolve("probe")), "AIO needs O_DIRECT");
        BlockData d = new BlockData(15);
        DirectFile.create(f, 4L << 20, d, DirectFile.IoMode.DIRECT, ALIGN);
        try (AioJob job = new AioJob(f, IoPattern.RAND_RW, ALIGN, ALIGN, 0, 4L << 20, 70, d, 7, 16)) {
            job.recording(true);
            for (int i = 0; i < 4000; i++) {
                assertEquals(ALIGN, job.op());
            }
            assertEquals(4000, job.latency().getTotalCount());
            assertEquals(4000, job.reads() + job.writes());
            double readShare = job.reads() / 4000.0;
            assertTrue(readShare > 0.65 && readShare < 0.75, "70/30 mix, got " + readShare);
        }
        // what the queued writes left is what a synchronous reader of the same generations sees
        try (AioJob seq = new AioJob(f, IoPattern.SEQ_READ, 1 << 20, ALIGN, 0, 4L << 20, 0, d, 8, 4)) {
            assertThrows(IllegalStateException.class, () -> {
                for (int i = 0; i < 8; i++) {
                    seq.op(); // a fresh job expects the fill: the blocks the mix rewrote fail the check
                }
            });
        }
    }

    @Test
    void aQueuedReadOfACorruptedBlockFails() throws IOException {
        Path f = dir.resolve("qc.dat");
        org.junit.jupiter.api.Assumptions.assumeTrue(DirectFile.acceptsDirect(dir.resolve("probe")), "AIO needs O_DIRECT");
        BlockData d = new BlockData(16);
        DirectFile.create(f, 1L << 20, d, DirectFile.IoMode.DIRECT, ALIGN);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(ALIGN), 3 * ALIGN);
            ch.force(true);
        }
        try (AioJob r = new AioJob(f, IoPattern.SEQ_READ, ALIGN, ALIGN, 0, 1L << 20, 0, d, 9, 8)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
                for (int i = 0; i < 8; i++) {
                    r.op();
                }
            });
            assertTrue(e.getMessage().contains("offset " + 3 * ALIGN), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class,
                () -> new AioJob(f, IoPattern.SYNC, ALIGN, ALIGN, 0, 1L << 20, 0, d, 9, 8));
    }

    @Test
    void preconditioningRewritesTheFileWithNewDataThatReadsCheckAgainst() throws IOException {
        Path f = dir.resolve("p.dat");
        DirectFile.IoMode mode = mode();
        BlockData d = new BlockData(17);
        DirectFile.create(f, 1L << 20, d, mode, ALIGN);
        BlockData after = DirectFile.precondition(f, 1L << 20, d, mode, ALIGN, 2);
        assertEquals(19, after.seed());
        try (IoJob stale = new IoJob(f, mode, IoPattern.SEQ_READ, ALIGN, ALIGN, 0, 1L << 20, 0, d, 1)) {
            assertThrows(IllegalStateException.class, stale::op, "the original fill is gone");
        }
        try (IoJob r = new IoJob(f, mode, IoPattern.SEQ_READ, 64 * 1024, ALIGN, 0, 1L << 20, 0, after, 1)) {
            for (int i = 0; i < 16; i++) {
                r.op();
            }
        }
    }

    @Test
    void refusesMisalignedBlocksAndMixesOutOfRange() {
        Path f = dir.resolve("x.dat");
        BlockData d = new BlockData(1);
        assertThrows(IllegalArgumentException.class,
                () -> new IoJob(f, DirectFile.IoMode.DIRECT, IoPattern.RAND_READ, 1000, 512, 0, 1 << 20, 0, d, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new IoJob(f, DirectFile.IoMode.DIRECT, IoPattern.RAND_RW, 4096, 512, 0, 1 << 20, 101, d, 1));
        assertThrows(IllegalArgumentException.class, () -> DirectFile.create(f, 1000, d, DirectFile.IoMode.DIRECT, 512));
    }

    @Test
    void probingDirectIoLeavesNoFile() throws IOException {
        Path probe = dir.resolve("probe.dat");
        DirectFile.acceptsDirect(probe);
        assertTrue(Files.notExists(probe));
    }

    /** Whatever the temp directory's file system does; both modes must give the same answers. */
    private DirectFile.IoMode mode() throws IOException {
        return DirectFile.acceptsDirect(dir.resolve("probe")) ? DirectFile.IoMode.DIRECT : DirectFile.IoMode.BUFFERED_DROPPED;
    }
}
