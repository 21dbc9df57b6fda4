package org.assay.workloads.kernel;

import com.sun.nio.file.ExtendedOpenOption;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A storage test file and how it is opened: with {@code O_DIRECT} ({@link IoMode#DIRECT}, the
 * JDK's {@link ExtendedOpenOption#DIRECT}), or buffered with its pages dropped between passes
 * ({@link IoMode#BUFFERED_DROPPED}) where the file system refuses direct I/O. The mode is chosen
 * once for a run and given to every job: a job never falls back on its own, so the two are never
 * mixed.
 *
 * <p>Direct I/O needs the buffer address, the file offset and the length all multiples of the
 * file system's block size ({@link java.nio.file.FileStore#getBlockSize()}; the JDK checks them
 * against it and throws otherwise): {@link #alignedBuffer} gives such a buffer.
 */
public final class DirectFile {

    public enum IoMode {
        DIRECT, BUFFERED_DROPPED;

        public String label() {
            return this == DIRECT ? "direct" : "buffered, pages dropped between passes";
        }
    }

    /** Bytes per write while filling the file: large, so the fill runs at the device's sequential speed. */
    static final int FILL_CHUNK = 1 << 20;

    private DirectFile() {
    }

    /** A direct buffer of {@code length} bytes whose address is a multiple of {@code align}. */
    public static ByteBuffer alignedBuffer(int length, int align) {
        return ByteBuffer.allocateDirect(length + align).alignedSlice(align).limit(length).slice();
    }

    /** Opens {@code file} for reading and writing (creating it if asked) in {@code mode}. */
    public static FileChannel open(Path file, IoMode mode, boolean create) throws IOException {
        List<OpenOption> o = new ArrayList<>(List.of(StandardOpenOption.READ, StandardOpenOption.WRITE));
        if (create) {
            o.add(StandardOpenOption.CREATE_NEW);
        }
        if (mode == IoMode.DIRECT) {
            o.add(ExtendedOpenOption.DIRECT);
        }
        return FileChannel.open(file, o.toArray(OpenOption[]::new));
    }

    /**
     * Whether the file system under {@code dir} accepts {@code O_DIRECT}: opens a probe file of
     * that name with it, writes one aligned block and removes the file. Refusal shows as an
     * {@link IOException} (EINVAL) on open or on the first write.
     */
    public static boolean acceptsDirect(Path probeFile) throws IOException {
        try (FileChannel ch = open(probeFile, IoMode.DIRECT, true)) {
            int align = Math.toIntExact(Files.getFileStore(probeFile).getBlockSize());
            ByteBuffer b = alignedBuffer(align, align);
            new BlockData(1).fill(b, 0);
            ch.write(b, 0);
            return true;
        } catch (UnsupportedOperationException refused) {
            return false;
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("Invalid argument")) {
                return false; // EINVAL: the file system does not do O_DIRECT
            }
            throw e;
        } finally {
            Files.deleteIfExists(probeFile);
        }
    }

    /**
     * Creates {@code file} of {@code bytes} (a multiple of {@code align}) filled with
     * {@link BlockData#fill} data, written in 1 MiB chunks and synced, so a read never meets a
     * hole or a block the device could answer without reading.
     */
    public static void create(Path file, long bytes, BlockData data, IoMode mode, int align) throws IOException {
        if (bytes <= 0 || bytes % align != 0) {
            throw new IllegalArgumentException("file size " + bytes + " must be a positive multiple of " + align);
        }
        try (FileChannel ch = open(file, mode, true)) {
            fill(ch, bytes, data, align, FILL_CHUNK);
        }
        if (mode == IoMode.BUFFERED_DROPPED) {
            PageCache.drop(file);
        }
    }

    /**
     * Preconditioning: rewrites the whole existing {@code file} {@code passes} times with 128 KiB
     * sequential writes (SNIA's workload-independent preconditioning), each pass with new data
     * (seed {@code data.seed() + pass}). Returns the data the file holds afterwards, which reads
     * must be checked against.
     */
    public static BlockData precondition(Path file, long bytes, BlockData data, IoMode mode, int align, int passes)
            throws IOException {
        BlockData now = data;
        try (FileChannel ch = open(file, mode, false)) {
            for (int p = 1; p <= passes; p++) {
                now = new BlockData(data.seed() + p);
                fill(ch, bytes, now, align, PRECONDITION_CHUNK);
            }
        }
        if (mode == IoMode.BUFFERED_DROPPED) {
            PageCache.drop(file);
        }
        return now;
    }

    /** SNIA PTS's preconditioning block: 128 KiB sequential writes. */
    static final int PRECONDITION_CHUNK = 128 << 10;

    private static void fill(FileChannel ch, long bytes, BlockData data, int align, int chunkBytes) throws IOException {
        int chunk = (int) Math.min(chunkBytes, bytes);
        chunk -= chunk % align;
        ByteBuffer buf = alignedBuffer(chunk, align);
        for (long off = 0; off < bytes; off += chunk) {
            int len = (int) Math.min(chunk, bytes - off);
            ByteBuffer b = buf.duplicate().limit(len);
            data.fill(b, off);
            while (b.hasRemaining()) {
                ch.write(b, off + b.position());
            }
        }
        ch.force(true);
    }
}
