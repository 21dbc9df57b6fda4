package org.assay.harness.storage;

import org.assay.harness.UsageException;
import org.assay.harness.plan.PlanEntry;
import org.assay.probes.storage.StorageTarget;
import org.assay.workloads.Workload;
import org.assay.workloads.fork.StorageFiles;
import org.assay.workloads.kernel.DirectFile;
import org.assay.workloads.storage.StorageWorkload;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The directory a run's storage workloads write to, what is under it, and how its test files are
 * made and removed.
 *
 * <p>{@link #check} refuses, before anything is written, a directory that does not exist or cannot
 * be written, a block size that is not a multiple of the file system's block size (which direct
 * I/O requires of every buffer, offset and length) and a test file larger than the free space.
 * {@link #open} then decides the I/O mode once, for every invocation of the run: direct where the
 * file system accepts {@code O_DIRECT}, else buffered with the file's pages dropped between passes,
 * said in every result ({@link #settings}); and it removes the test files a killed run left.
 */
public final class StorageRun {

    /** Room left beside the test file: the file system's own metadata and the bundle. */
    static final long MARGIN_BYTES = 64L << 20;

    private final Path dir;
    private final StorageTarget target;
    private final int align;
    private final String runId;
    private DirectFile.IoMode mode;

    private StorageRun(Path dir, StorageTarget target, int align, String runId) {
        this.dir = dir;
        this.target = target;
        this.align = align;
        this.runId = runId;
    }

    /**
     * Checks the storage entries of {@code plan} against {@code dir} (the {@code --dir} option,
     * or null for {@code defaultDir}). Null when the plan has no storage workload.
     *
     * @throws UsageException one line: what is wrong and what would be right
     */
    public static StorageRun check(Path dirOption, Path defaultDir, Path root, List<PlanEntry> plan) {
        List<PlanEntry> storage = plan.stream().filter(e -> e.workload() instanceof StorageWorkload).toList();
        if (storage.isEmpty()) {
            return null;
        }
        Path dir = dirOption != null ? dirOption : defaultDir;
        String opt = dirOption != null ? "--dir " + dir : "storage directory " + dir + " (the default; choose one with --dir)";
        if (!Files.exists(dir)) {
            throw new UsageException(opt + ": does not exist; give an existing directory on the file system to test");
        }
        if (!Files.isDirectory(dir)) {
            throw new UsageException(opt + ": is not a directory; give a directory on the file system to test");
        }
        if (!canCreateFileIn(dir)) {
            throw new UsageException(opt + ": is not writable; give a directory the test files can be written to");
        }
        Path real;
        FileStore store;
        try {
            real = dir.toRealPath();
            store = Files.getFileStore(real);
        } catch (IOException e) {
            throw new UsageException(opt + ": cannot read its file system: " + e.getMessage());
        }
        StorageTarget target = StorageTarget.read(root, real.toString());
        int align;
        long free;
        try {
            align = Math.toIntExact(Math.max(store.getBlockSize(),
                    target.logicalBlockSize() == null ? 0 : target.logicalBlockSize()));
            free = store.getUsableSpace();
        } catch (IOException | UnsupportedOperationException e) {
            throw new UsageException(opt + ": cannot read its block size and free space: " + e.getMessage());
        }
        long largest = 0;
        for (PlanEntry e : storage) {
            long block = Workload.longParam(e.params(), "blockSize");
            if (block % align != 0) {
                throw new UsageException(e.workload().id() + ": blockSize " + block + " is not a multiple of "
                        + align + " bytes, the block size direct I/O needs on " + real + "; use a multiple of " + align);
            }
            largest = Math.max(largest, ((StorageWorkload) e.workload()).fileBytes(e.params()));
        }
        if (largest + MARGIN_BYTES > free) {
            throw new UsageException(opt + ": a test file of " + mib(largest) + " MiB needs " + mib(largest + MARGIN_BYTES)
                    + " MiB free but " + mib(free) + " MiB are; free space or use a smaller --param fileBytes");
        }
        String runId = ProcessHandle.current().pid() + "-" + Instant.now().getEpochSecond();
        return new StorageRun(real, target, align, runId);
    }

    private static long mib(long bytes) {
        return (bytes + (1L << 20) - 1) >> 20;
    }

    private static boolean canCreateFileIn(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, ".assay-dir-check", ""));
            return true;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Decides the I/O mode and removes what killed runs left; says both on {@code console}.
     * Called once the bundle is open, just before measuring.
     */
    public void open(PrintWriter console) throws IOException {
        List<Path> left = StorageFiles.leftovers(dir, runId).stream().filter(StorageRun::ownerGone).toList();
        for (Path p : StorageFiles.remove(left)) {
            console.println("storage: removed " + p + ", a test file left by an earlier run that did not finish");
        }
        mode = DirectFile.acceptsDirect(StorageFiles.file(dir, runId, "direct-probe"))
                ? DirectFile.IoMode.DIRECT : DirectFile.IoMode.BUFFERED_DROPPED;
        console.println("storage: " + dir + " on " + target.fsType() + (target.device() != null ? " (" + target.device() + ")" : "")
                + ", " + mode.label() + (label() != null ? "; figures labelled '" + label() + "'" : ""));
        console.flush();
    }

    /** A leftover whose run is still going (its pid alive: the id starts with it) belongs to that run. */
    static boolean ownerGone(Path file) {
        String name = file.getFileName().toString().substring(StorageFiles.PREFIX.length());
        int dash = name.indexOf('-');
        try {
            long pid = Long.parseLong(name.substring(0, dash));
            return pid == ProcessHandle.current().pid()
                    || ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
        } catch (RuntimeException notOurs) {
            return true;
        }
    }

    public Path dir() {
        return dir;
    }

    public String runId() {
        return runId;
    }

    public DirectFile.IoMode mode() {
        return mode;
    }

    /** What every figure from this directory must carry, or null: memory, or buffered I/O. */
    public String label() {
        String memory = target.memoryReason();
        if (memory != null) {
            return memory;
        }
        return mode == DirectFile.IoMode.BUFFERED_DROPPED
                ? target.fsType() + ": O_DIRECT refused, buffered I/O with the file's pages dropped between passes" : null;
    }

    /** The system properties that tell a fork where to write and how. */
    public Map<String, String> forkProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(StorageFiles.DIR_PROPERTY, dir.toString());
        p.put(StorageFiles.RUN_PROPERTY, runId);
        p.put(StorageFiles.IO_PROPERTY, mode == DirectFile.IoMode.DIRECT ? "direct" : "buffered");
        return p;
    }

    /** {@code settings.storage} of every storage result: the target's facts, the mode and the label. */
    public Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>(target.toMap());
        s.put("alignBytes", align);
        s.put("io", mode == DirectFile.IoMode.DIRECT ? "direct" : "buffered-dropped");
        s.put("label", label());
        return s;
    }

    /** Removes this run's test files (after each invocation: a fork killed outright runs no hook). */
    public List<Path> removeFiles() {
        try {
            return StorageFiles.remove(StorageFiles.ofRun(dir, runId));
        } catch (IOException e) {
            return List.of();
        }
    }
}
