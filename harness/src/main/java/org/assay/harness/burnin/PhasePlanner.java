package org.assay.harness.burnin;

import org.assay.harness.UsageException;
import org.assay.probes.inventory.ByteSizes;
import org.assay.profiles.Quantities;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Resolves what a user asked for (the command line or one phase of a plan) into a
 * {@link PhaseSpec}: thread counts to CPUs, shares to bytes, and every size checked against what
 * the machine can spare ({@link ResourceLimits}) before anything is allocated, with one line
 * saying what was too much and what would fit.
 *
 * <p>Placement: the threads of each component are dealt round the usable CPUs in order, so with
 * every component on, each CPU carries one thread of each; a connection's sender and receiver
 * go to neighbouring CPUs, so its bytes cross between cores.
 */
public final class PhasePlanner {

    /** Memory threads below this share test nothing worth a thread. */
    static final long MIN_BYTES_PER_THREAD = 1 << 20;

    private final List<Integer> cpus;
    private final ResourceLimits memory;

    public PhasePlanner(List<Integer> cpus, ResourceLimits memory) {
        if (cpus.isEmpty()) {
            throw new UsageException("no usable CPU to run a burn-in on");
        }
        this.cpus = List.copyOf(cpus);
        this.memory = memory;
    }

    /** What the user asked for one phase; null fields are components left idle. */
    public record Request(String name, double seconds, Integer cpuThreads, Set<String> cpuKernels,
                          Quantities.Size memory, Integer memoryThreads, Path storageDir, Quantities.Size storageSize,
                          Integer storageDepth, Integer connections, Thresholds thresholds) {
    }

    /** @param where how the request is named in a message ("--memory", "plan.yaml:12: phase 'soak'") */
    public PhaseSpec resolve(Request r, String where) {
        List<Integer> cpuCpus = r.cpuThreads() == null ? List.of() : deal(r.cpuThreads() == 0 ? cpus.size() : r.cpuThreads(), 0);
        long memoryBytes = 0;
        List<Integer> memoryCpus = List.of();
        if (r.memory() != null) {
            memoryBytes = bytes(r.memory(), memory, where + (where.startsWith("--") ? "" : " memory.size"), "memory");
            int threads = r.memoryThreads() == null ? cpus.size() : r.memoryThreads();
            threads = (int) Math.max(1, Math.min(threads, memoryBytes / MIN_BYTES_PER_THREAD));
            if (memoryBytes < MIN_BYTES_PER_THREAD) {
                throw new UsageException(where + " " + r.memory() + ": " + ByteSizes.format(memoryBytes)
                        + " is too little to test; give at least 1MiB");
            }
            memoryCpus = deal(threads, 0);
        }
        List<Integer> storageCpus = List.of();
        long storageBytes = 0;
        if (r.storageDir() != null) {
            Path dir = r.storageDir();
            if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
                throw new UsageException((where.startsWith("--") ? "--storage" : where + " storage.dir") + " " + dir
                        + ": not a writable directory; give the directory whose file system to test");
            }
            ResourceLimits disk;
            try {
                disk = ResourceLimits.disk(dir);
            } catch (IOException e) {
                throw new UsageException("--storage " + dir + ": cannot read its file system: " + e.getMessage());
            }
            Quantities.Size size = r.storageSize() == null ? new Quantities.Size(256L << 20, null) : r.storageSize();
            storageBytes = bytes(size, disk, where.startsWith("--") ? "--storage-size" : where + " storage.size", "disk");
            int depth = r.storageDepth() == null ? 2 : r.storageDepth();
            if (storageBytes < (long) depth * StorageStressor.BLOCK * 16) {
                throw new UsageException((where.startsWith("--") ? "--storage-size" : where + " storage.size") + " " + size
                        + ": too small for queue depth " + depth + "; give at least " + ByteSizes.format((long) depth * StorageStressor.BLOCK * 16));
            }
            storageCpus = deal(depth, 1);
        }
        List<Integer> networkCpus = r.connections() == null ? List.of() : deal(2 * r.connections(), 0);
        return new PhaseSpec(r.name(), r.seconds(), cpuCpus, r.cpuKernels(), memoryCpus, memoryBytes, storageCpus,
                r.storageDir(), storageBytes, networkCpus, r.thresholds());
    }

    private static long bytes(Quantities.Size size, ResourceLimits limit, String where, String what) {
        long bytes = size.of(limit.allowedBytes());
        if (bytes > limit.allowedBytes()) {
            throw new UsageException(where + " " + size + ": more " + what + " than this machine can spare ("
                    + ByteSizes.format(limit.allowedBytes()) + ": " + limit.explanation() + "); give at most "
                    + ByteSizes.format(limit.allowedBytes()) + " or a share such as 25%");
        }
        return bytes;
    }

    /** {@code n} threads dealt round the CPUs, starting {@code offset} along. */
    private List<Integer> deal(int n, int offset) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(cpus.get((i + offset) % cpus.size()));
        }
        return out;
    }

    /** Every CPU a burn-in may use. */
    public List<Integer> cpus() {
        return cpus;
    }
}
