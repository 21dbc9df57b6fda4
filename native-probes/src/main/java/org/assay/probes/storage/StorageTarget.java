package org.assay.probes.storage;

import org.assay.probes.internal.SysFiles;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What is really under a directory a storage run writes to: the file system (type, mount point,
 * options) from {@code /proc/self/mountinfo}, and the block device under it from sysfs
 * ({@code /sys/dev/block/<major:minor>/uevent} for its name, then
 * {@code /sys/block/<disk>/queue/{rotational,scheduler,logical_block_size}} and
 * {@code device/model}), all read under the root so fixture trees can stand in for a machine.
 * A partition is traced to the disk that holds it. Every device fact may be null: virtual file
 * systems have no device, and a virtio disk has no model.
 *
 * <p>{@link #memoryReason()} names the file systems whose "I/O" is memory (tmpfs, ramfs): direct
 * I/O is accepted there by recent kernels but bypasses nothing, so every figure from them is
 * labelled.
 */
public record StorageTarget(String directory, String fsType, String mountPoint, String mountOptions, String source,
                            String device, String model, String scheduler, Boolean rotational,
                            Integer logicalBlockSize) {

    private static final Set<String> MEMORY_FILE_SYSTEMS = Set.of("tmpfs", "ramfs", "devtmpfs", "hugetlbfs");

    /** Reads the facts of {@code absoluteDir} (a real, absolute path) under {@code root}. */
    public static StorageTarget read(Path root, String absoluteDir) {
        SysFiles sys = new SysFiles(root);
        List<MountPoint> mounts = MountPoint.parse(sys.lines("/proc/self/mountinfo"));
        Optional<MountPoint> m = MountPoint.holding(mounts, absoluteDir);
        if (m.isEmpty()) {
            return new StorageTarget(absoluteDir, null, null, null, null, null, null, null, null, null);
        }
        MountPoint mp = m.get();
        String dev = null;
        if (!mp.device().startsWith("0:")) {
            String uevent = "/sys/dev/block/" + mp.device() + "/uevent";
            Optional<String> name = field(sys, uevent, "DEVNAME");
            if (name.isPresent()) {
                dev = name.get();
                if (field(sys, uevent, "DEVTYPE").filter("partition"::equals).isPresent()) {
                    dev = diskHolding(sys, dev).orElse(dev);
                }
            }
        }
        String model = null;
        String scheduler = null;
        Boolean rotational = null;
        Integer logical = null;
        if (dev != null) {
            String q = "/sys/block/" + dev + "/queue/";
            model = sys.read("/sys/block/" + dev + "/device/model").filter(s -> !s.isBlank()).orElse(null);
            scheduler = sys.read(q + "scheduler").map(s -> SysFiles.bracketed(s).orElse(s)).orElse(null);
            rotational = sys.readInt(q + "rotational").map(r -> r != 0).orElse(null);
            logical = sys.readInt(q + "logical_block_size").orElse(null);
        }
        return new StorageTarget(absoluteDir, mp.fsType(), mp.mountPoint(), mp.mountOptions(), mp.source(), dev, model,
                scheduler, rotational, logical);
    }

    private static Optional<String> field(SysFiles sys, String file, String key) {
        return sys.firstLineStartingWith(file, key + "=").map(l -> l.substring(key.length() + 1).trim());
    }

    /** The disk whose sysfs directory holds partition {@code part} ({@code /sys/block/nvme0n1/nvme0n1p2}). */
    private static Optional<String> diskHolding(SysFiles sys, String part) {
        for (String disk : sys.list("/sys/block", "[^.].*")) {
            if (sys.exists("/sys/block/" + disk + "/" + part)) {
                return Optional.of(disk);
            }
        }
        return Optional.empty();
    }

    /** Why figures from this file system are memory figures ("tmpfs: memory, not a device"), or null. */
    public String memoryReason() {
        return fsType != null && MEMORY_FILE_SYSTEMS.contains(fsType) ? fsType + ": memory, not a device" : null;
    }

    /** The facts as the bundle records them (null facts kept, as null). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("directory", directory);
        m.put("fsType", fsType);
        m.put("mountPoint", mountPoint);
        m.put("mountOptions", mountOptions);
        m.put("source", source);
        m.put("device", device);
        m.put("model", model);
        m.put("scheduler", scheduler);
        m.put("rotational", rotational);
        m.put("logicalBlockSize", logicalBlockSize);
        return m;
    }
}
