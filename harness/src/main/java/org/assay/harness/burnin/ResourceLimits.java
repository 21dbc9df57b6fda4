package org.assay.harness.burnin;

import org.assay.probes.inventory.ByteSizes;
import org.assay.probes.topology.ContainerLimits;
import org.assay.probes.topology.MemInfo;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much memory and disk a burn-in may take without hurting the machine it tests: what is
 * available (MemAvailable; the cgroup's {@code memory.max} less its {@code memory.current}; the
 * file system's usable space) less a headroom left for the system and this JVM. A burn-in that
 * drives the machine into swap or the OOM killer, or fills a disk, tests the failure it caused.
 *
 * <ul>
 *   <li>memory headroom: the larger of {@value #MEMORY_HEADROOM_MIB} MiB and
 *       {@value #MEMORY_HEADROOM_PCT}% of the smaller of MemTotal and the cgroup limit;</li>
 *   <li>disk headroom: the larger of {@value #DISK_HEADROOM_MIB} MiB and
 *       {@value #DISK_HEADROOM_PCT}% of the file system.</li>
 * </ul>
 *
 * @param allowedBytes what may be used
 * @param explanation  how it was worked out, for the message and burnin.json
 */
public record ResourceLimits(long allowedBytes, String explanation) {

    static final long MEMORY_HEADROOM_MIB = 512;
    static final int MEMORY_HEADROOM_PCT = 10;
    static final long DISK_HEADROOM_MIB = 256;
    static final int DISK_HEADROOM_PCT = 5;

    public static ResourceLimits memory(Path root) {
        MemInfo mem = MemInfo.read(root);
        Long available = mem.availableBytes();
        Long total = mem.totalBytes();
        ContainerLimits cg = ContainerLimits.read(root);
        long avail = available == null ? 0 : available;
        long whole = total == null ? avail : total;
        StringBuilder why = new StringBuilder("MemAvailable " + ByteSizes.format(available));
        if (cg.memoryMaxBytes() != null) {
            long used = cg.memoryCurrentBytes(root).orElse(0L);
            long room = Math.max(0, cg.memoryMaxBytes() - used);
            why.append(", cgroup memory.max ").append(ByteSizes.format(cg.memoryMaxBytes())).append(" with ")
                    .append(ByteSizes.format(used)).append(" in use");
            avail = Math.min(avail, room);
            whole = Math.min(whole, cg.memoryMaxBytes());
        }
        long headroom = Math.max(MEMORY_HEADROOM_MIB << 20, whole / 100 * MEMORY_HEADROOM_PCT);
        why.append(", headroom ").append(ByteSizes.format(headroom));
        return new ResourceLimits(Math.max(0, avail - headroom), why.toString());
    }

    public static ResourceLimits disk(Path dir) throws IOException {
        FileStore store = Files.getFileStore(dir);
        long usable = store.getUsableSpace();
        long headroom = Math.max(DISK_HEADROOM_MIB << 20, store.getTotalSpace() / 100 * DISK_HEADROOM_PCT);
        return new ResourceLimits(Math.max(0, usable - headroom), "usable " + ByteSizes.format(usable) + " on "
                + store.name() + ", headroom " + ByteSizes.format(headroom));
    }
}
