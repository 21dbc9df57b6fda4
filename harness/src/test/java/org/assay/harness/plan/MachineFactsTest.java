package org.assay.harness.plan;

import org.assay.probes.topology.MachineSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A run reads the machine's layout once and opens its probes once, whatever asks for them. */
class MachineFactsTest {

    @TempDir
    Path tmp;

    /** Two CPUs, 1 GiB of 2 available, and a cgroup v2 memory.max of 768 MiB. */
    private Path root() throws IOException {
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("proc/self"));
        Files.createDirectories(root.resolve("sys/devices/system/cpu"));
        Files.createDirectories(root.resolve("sys/fs/cgroup"));
        Files.writeString(root.resolve("proc/meminfo"), "MemTotal: 2097152 kB\nMemAvailable: 1048576 kB\n");
        Files.writeString(root.resolve("proc/self/status"), "Cpus_allowed_list:\t0-1\n");
        Files.writeString(root.resolve("proc/self/cgroup"), "0::/\n");
        Files.writeString(root.resolve("sys/fs/cgroup/cgroup.controllers"), "cpu memory\n");
        Files.writeString(root.resolve("sys/fs/cgroup/memory.max"), (768L << 20) + "\n");
        Files.writeString(root.resolve("sys/devices/system/cpu/online"), "0-1\n");
        return root;
    }

    @Test
    void everyConsumerSharesOneSnapshotAndOneProbeSet() throws IOException {
        Path root = root();
        int before = MachineSnapshot.reads();
        try (MachineFacts facts = MachineFacts.read(root, null, false)) {
            facts.sizing();
            facts.inventoryJson();
            facts.environmentChecks();
            facts.probeStatuses();
            assertSame(facts.probes(), facts.probes(), "one probe set per run");
            assertSame(facts.inventoryJson(), facts.inventoryJson(), "the inventory is collected once");
        }
        assertEquals(1, MachineSnapshot.reads() - before, "the layout is read once per run");
    }

    @Test
    void availableMemoryIsTheSmallerOfMemAvailableAndTheCgroupLimit() throws IOException {
        Path root = root();
        try (MachineFacts facts = MachineFacts.read(root, null, false)) {
            assertEquals(768L << 20, facts.sizing().availableMemoryBytes(), "the cgroup limit is below MemAvailable");
        }
        Files.delete(root.resolve("sys/fs/cgroup/memory.max"));
        try (MachineFacts facts = MachineFacts.read(root, null, false)) {
            assertEquals(1L << 30, facts.sizing().availableMemoryBytes(), "MemAvailable, in bytes");
        }
    }
}
