package org.assay.probes.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fixture trees of three machine shapes: NVMe server with partitions, a VM's virtio disk, a container on overlay. */
class StorageTargetTest {

    @TempDir
    Path root;

    private void write(String path, String content) throws IOException {
        Path p = root.resolve(path.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @Test
    void anNvmePartitionIsTracedToItsDisk() throws IOException {
        write("/proc/self/mountinfo", """
                22 1 259:2 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p2 rw,errors=remount-ro
                30 22 0:27 / /dev/shm rw,nosuid,nodev shared:5 - tmpfs tmpfs rw,size=65536k
                41 22 259:5 / /data rw,noatime shared:30 - xfs /dev/nvme1n1 rw,attr2,inode64,logbufs=8
                """);
        write("/sys/dev/block/259:2/uevent", "MAJOR=259\nMINOR=2\nDEVNAME=nvme0n1p2\nDEVTYPE=partition\nPARTN=2\n");
        write("/sys/block/nvme0n1/nvme0n1p2/partition", "2\n");
        write("/sys/block/nvme0n1/device/model", "SAMSUNG MZQL23T8HCLS-00A07         \n");
        write("/sys/block/nvme0n1/queue/scheduler", "[none] mq-deadline\n");
        write("/sys/block/nvme0n1/queue/rotational", "0\n");
        write("/sys/block/nvme0n1/queue/logical_block_size", "512\n");
        write("/sys/dev/block/259:5/uevent", "MAJOR=259\nMINOR=5\nDEVNAME=nvme1n1\nDEVTYPE=disk\n");
        write("/sys/block/nvme1n1/queue/logical_block_size", "4096\n");
        write("/sys/block/nvme1n1/queue/rotational", "0\n");

        StorageTarget home = StorageTarget.read(root, "/home/user/scratch");
        assertEquals("ext4", home.fsType());
        assertEquals("/", home.mountPoint());
        assertEquals("nvme0n1", home.device());
        assertEquals("SAMSUNG MZQL23T8HCLS-00A07", home.model());
        assertEquals("none", home.scheduler());
        assertFalse(home.rotational());
        assertEquals(512, home.logicalBlockSize());
        assertEquals("rw,relatime,rw,errors=remount-ro", home.mountOptions());
        assertNull(home.memoryReason());

        StorageTarget data = StorageTarget.read(root, "/data");
        assertEquals("xfs", data.fsType());
        assertEquals("nvme1n1", data.device());
        assertEquals(4096, data.logicalBlockSize());
        assertNull(data.model(), "no model file: unknown, not invented");
        assertEquals("/", StorageTarget.read(root, "/database").mountPoint(), "/database is not under /data");

        StorageTarget shm = StorageTarget.read(root, "/dev/shm");
        assertEquals("tmpfs", shm.fsType());
        assertNull(shm.device());
        assertEquals("tmpfs: memory, not a device", shm.memoryReason());
    }

    @Test
    void aVirtioDiskHasNoModelAndAContainerOverlayNoDevice() throws IOException {
        write("/proc/self/mountinfo", """
                27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard
                812 27 0:52 / /var/lib/docker/overlay2/x/merged rw,relatime - overlay overlay rw,lowerdir=/a,upperdir=/b
                900 27 0:60 / /mnt/with\\040space rw - ext4 /dev/vda rw
                """);
        write("/sys/dev/block/254:0/uevent", "MAJOR=254\nMINOR=0\nDEVNAME=vda\nDEVTYPE=disk\n");
        write("/sys/block/vda/queue/scheduler", "none [mq-deadline] kyber bfq\n");
        write("/sys/block/vda/queue/rotational", "1\n");
        StorageTarget vda = StorageTarget.read(root, "/work");
        assertEquals("vda", vda.device());
        assertEquals("mq-deadline", vda.scheduler());
        assertTrue(vda.rotational());
        assertNull(vda.model());
        assertNull(vda.logicalBlockSize());

        StorageTarget overlay = StorageTarget.read(root, "/var/lib/docker/overlay2/x/merged/tmp");
        assertEquals("overlay", overlay.fsType());
        assertNull(overlay.device(), "0:N is no block device");
        assertEquals("/mnt/with space", StorageTarget.read(root, "/mnt/with space/d").mountPoint());
    }

    @Test
    void noMountTableGivesNoFactsRatherThanWrongOnes() {
        StorageTarget t = StorageTarget.read(root, "/x");
        assertNull(t.fsType());
        assertNull(t.device());
        assertEquals("/x", t.directory());
    }
}
