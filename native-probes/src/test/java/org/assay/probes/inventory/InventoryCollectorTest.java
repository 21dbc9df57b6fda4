package org.assay.probes.inventory;

import org.assay.probes.fixtures.Fixture;
import org.assay.probes.topology.CpuList;
import org.assay.probes.topology.CpuTopology;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryCollectorTest {

    @TempDir
    Path root;

    @Test
    void amdFixtureGivesCpuCachesNumaMemoryAndLimits() {
        Inventory inv = InventoryCollector.collect(Fixture.amdEpycKvm(root).root, false);
        assertFalse(inv.oshiUsed());
        assertEquals("AMD EPYC", inv.cpu().name());
        assertEquals("AuthenticAMD", inv.cpu().vendor());
        assertEquals(25, inv.cpu().family());
        assertEquals(17, inv.cpu().model());
        assertEquals(1, inv.cpu().stepping());
        assertNull(inv.cpu().microarchitecture(), "needs OSHI");
        assertTrue(inv.cpu().notes().stream().anyMatch(n -> n.startsWith("microarchitecture unknown")));
        assertEquals(2, inv.cpu().physicalCores());
        assertEquals(2, inv.cpu().logicalCpus());
        assertFalse(inv.cpu().smt());

        Inventory.Cache l3 = inv.cachesByLabel().get("L3");
        assertEquals(32L << 20, l3.sizeBytes());
        assertEquals(1, l3.instances());
        assertEquals(List.of("0-1"), l3.sharedBy());
        assertNull(l3.oshiSizeBytes());
        assertEquals(List.of("0", "1"), inv.cachesByLabel().get("L1d").sharedBy());

        assertEquals(1, inv.numa().size());
        assertEquals("0-1", inv.numa().get(0).cpus());
        assertEquals(24_576_000L * 1024, inv.numa().get(0).memTotalBytes());

        assertEquals(24_418_128L * 1024, inv.memory().availableBytes());
        assertEquals(0L, inv.memory().swapTotalBytes());
        assertEquals(2L << 20, inv.memory().hugePageSizeBytes());
        assertNull(inv.memory().pageSizeBytes());
        assertTrue(inv.memory().notes().stream().anyMatch(n -> n.startsWith("page size unknown")));

        assertEquals(List.of(0, 1), inv.allowedCpus().cpus());
        assertNull(inv.container().cpuQuotaCpus());
        assertEquals("0-1", inv.container().cpusetEffective());
    }

    @Test
    void virtioNicSpeedIsUnknownNotZeroAndLoopbackIsSkipped() {
        Inventory inv = InventoryCollector.collect(Fixture.amdEpycKvm(root).root, false);
        assertEquals(1, inv.nics().size());
        Inventory.Nic eth = inv.nics().get(0);
        assertEquals("eth0", eth.name());
        assertEquals("02:fc:00:00:00:01", eth.mac());
        assertEquals(1400, eth.mtu());
        assertNull(eth.speedMbps());
        assertTrue(eth.speedNote().startsWith("unknown"));
    }

    @Test
    void disksSkipLoopAndEmptyDevicesAndKeepTheActiveScheduler() {
        Inventory inv = InventoryCollector.collect(Fixture.amdEpycKvm(root).root, false);
        assertEquals(List.of("vda"), inv.disks().stream().map(Inventory.Disk::name).toList());
        Inventory.Disk vda = inv.disks().get(0);
        assertEquals(256L << 30, vda.sizeBytes());
        assertEquals("mq-deadline", vda.scheduler());
        assertNull(vda.model());
        assertTrue(inv.notes().stream().anyMatch(n -> n.contains("disk model unknown")));
    }

    @Test
    void hypervisorFlagWithoutDmiIsAVirtualMachineWithANote() {
        Inventory.Virtualization v = InventoryCollector.collect(Fixture.amdEpycKvm(root).root, false).virtualization();
        assertEquals(Boolean.TRUE, v.hypervisorFlag());
        assertNull(v.dmiSysVendor());
        assertTrue(v.verdict().startsWith("virtual machine (cpuinfo hypervisor flag"), v.verdict());
        assertTrue(v.notes().stream().anyMatch(n -> n.contains("no DMI")));
    }

    @Test
    void intelDesktopIsBareMetalWithDmiAndDiskModelTrimmed() {
        Inventory inv = InventoryCollector.collect(Fixture.intel4c8t(root).root, false);
        assertEquals("bare metal (no hypervisor flag, DMI Dell Inc. Precision 3660)", inv.virtualization().verdict());
        assertEquals("Samsung SSD 980 PRO 512GB", inv.disks().get(0).model());
        assertEquals(1000L, inv.nics().get(0).speedMbps());
        assertTrue(inv.cpu().smt());
        assertEquals(4700000L, inv.frequency().cpufreqMaxKhz());
        assertEquals("intel_pstate", inv.frequency().cpufreqDriver());
    }

    @Test
    void cpuinfoMhzIsRecordedWithANoteThatItIsNotTheRunningClock() {
        Inventory.Frequency f = InventoryCollector.collect(Fixture.amdEpycKvm(root).root, false).frequency();
        assertEquals(2596.136, f.cpuinfoMhz());
        assertEquals(List.of("constant_tsc", "nonstop_tsc", "tsc_known_freq"), f.tscFlags());
        assertNull(f.cpufreqMaxKhz());
        assertTrue(f.notes().get(0).contains("not the running clock"), f.notes().get(0));
    }

    @Test
    void oshiCacheThatDiffersFromSysfsIsRecordedAsAMismatch() {
        CpuTopology topo = CpuTopology.read(Fixture.amdEpycKvm(root).root);
        OshiFacts oshi = new OshiFacts(null, null, "Zen 4", null, null, null, null, null,
                List.of(new OshiFacts.OshiCache(1, "Data", 48 * 1024, 64, 12),
                        new OshiFacts.OshiCache(3, "Unified", 32 << 20, 64, 16),
                        new OshiFacts.OshiCache(4, "Unified", 128 << 20, 64, 16)),
                null, java.util.Map.of(), List.of());
        List<Inventory.Cache> caches = InventoryCollector.caches(topo, oshi);
        Inventory.Cache l1d = caches.get(0);
        assertEquals(48L * 1024, l1d.oshiSizeBytes());
        assertEquals("sysfs says 32 KiB per instance, OSHI says 48 KiB; sysfs (the kernel's cacheinfo) is used "
                + "for sizing and sharing", l1d.mismatch());
        assertNull(caches.stream().filter(c -> c.label().equals("L3")).findFirst().orElseThrow().mismatch());
        Inventory.Cache l4 = caches.get(caches.size() - 1);
        assertEquals("L4", l4.label());
        assertNull(l4.sizeBytes());
        assertNotNull(l4.mismatch());
    }

    @Test
    void inventorySerialisesToJsonWithNullsForUnknowns() throws Exception {
        Inventory inv = InventoryCollector.collect(Fixture.amdEpycKvm(root).root, false);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode json = mapper.readTree(mapper.writeValueAsString(inv));
        assertEquals("AMD EPYC", json.at("/cpu/name").asText());
        assertTrue(json.at("/cpu/microarchitecture").isNull());
        assertTrue(json.at("/nics/0/speedMbps").isNull());
        assertEquals(33554432L, json.at("/caches/3/sizeBytes").asLong());
        assertEquals("0-1", json.at("/caches/3/sharedBy/0").asText());
        assertEquals(0, json.at("/allowedCpus/cpus/0").asInt());
        assertFalse(json.has("cachesByLabel"), "helper methods are not properties");
    }

    @Test
    void underAnotherRootOshiIsNeverAskedSoNothingOfTheLiveMachineLeaksIn() {
        // asked for OSHI (as 'assay inventory --root TREE' and 'assay run --root TREE' do), but the
        // tree is not this machine: OSHI would answer with this machine's microarchitecture and caches
        Inventory inv = InventoryCollector.collect(Fixture.amdEpycKvm(root).root, true);
        assertFalse(inv.oshiUsed());
        assertNull(inv.cpu().microarchitecture());
        assertTrue(inv.caches().stream().allMatch(c -> c.oshiSizeBytes() == null), inv.caches().toString());
        assertTrue(inv.filesystems().isEmpty(), "statvfs would size this machine's filesystems");
        assertTrue(inv.notes().stream().anyMatch(n -> n.startsWith("OSHI not consulted under")), inv.notes().toString());
    }

    @Test
    void guestWithoutCacheinfoSaysNoCacheSizesAreKnown() throws Exception {
        Path tree = Fixture.amdEpycKvm(root).root;
        for (int cpu = 0; cpu < 2; cpu++) {
            try (var walk = Files.walk(tree.resolve("sys/devices/system/cpu/cpu" + cpu + "/cache"))) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Inventory inv = InventoryCollector.collect(tree, false);
        assertTrue(inv.caches().isEmpty());
        assertTrue(inv.notes().stream().anyMatch(n -> n.startsWith("no cache sizes known: sysfs has no cpuN/cache")),
                inv.notes().toString());
    }

    @Test
    void emptyRootStillCollectsWithNullsAndNotes() {
        Inventory inv = InventoryCollector.collect(root, false);
        assertNull(inv.cpu().name());
        assertNull(inv.memory().totalBytes());
        assertTrue(inv.caches().isEmpty());
        assertFalse(inv.cpu().notes().isEmpty());
    }

    /**
     * Live machine: asserts properties, not values, so it passes elsewhere. On the 2-vCPU EPYC
     * guest: L3 32 MiB shared by 0-1, L1d 32 KiB in sysfs vs 48 KiB from OSHI, allowed CPUs 0-1.
     */
    @Test
    void liveMachineInventoryIsPlausible() {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/sys/devices/system/cpu")), "not Linux with sysfs");
        long t0 = System.nanoTime();
        Inventory inv = InventoryCollector.collect(Path.of("/"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("live inventory: %d ms (collectMillis %d), L3 %s, L1d sysfs %s / OSHI %s, allowed %s%n", ms,
                inv.collectMillis(), inv.cachesByLabel().get("L3") == null ? "none" : inv.cachesByLabel().get("L3").sizeBytes(),
                inv.cachesByLabel().get("L1d") == null ? "none" : inv.cachesByLabel().get("L1d").sizeBytes(),
                inv.cachesByLabel().get("L1d") == null ? "none" : inv.cachesByLabel().get("L1d").oshiSizeBytes(),
                inv.allowedCpus().cpus());
        assertTrue(inv.oshiUsed());
        if (inv.caches().isEmpty()) {
            // a guest without cacheinfo in sysfs: the inventory must say so rather than stay silent
            assertTrue(inv.notes().stream().anyMatch(n -> n.startsWith("no cache sizes known")), inv.notes().toString());
        } else {
            assertTrue(inv.cachesByLabel().containsKey("L1d"), "an L1 data cache");
            Inventory.Cache llc = inv.caches().get(inv.caches().size() - 1);
            assertTrue(llc.sizeBytes() == null || llc.sizeBytes() >= 1 << 20, "last-level cache at least 1 MiB");
        }
        List<Integer> online = CpuList.parse(inv.cpu().onlineCpus());
        assertFalse(inv.allowedCpus().cpus().isEmpty());
        assertTrue(online.containsAll(inv.allowedCpus().cpus()), "allowed CPUs are online");
        assertTrue(inv.memory().totalBytes() > 0);
        assertTrue(inv.memory().availableBytes() <= inv.memory().totalBytes());
        assertNotNull(inv.memory().pageSizeBytes());
        assertTrue(inv.cpu().logicalCpus() >= inv.cpu().physicalCores());
        inv.nics().forEach(n -> assertTrue(n.speedMbps() == null || n.speedMbps() > 0, n.name()));
        assertFalse(inv.filesystems().isEmpty());
    }
}
