package org.assay.probes.topology;

import org.assay.probes.fixtures.Fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllowedCpusTest {

    @TempDir
    Path root;

    @Test
    void affinityIntersectedWithCgroupCpuset() {
        new Fixture(root).status("0-7").cgroupV2("/bench").file("/sys/fs/cgroup/bench/cpuset.cpus.effective", "2-5,9");
        AllowedCpus a = AllowedCpus.read(root);
        assertEquals(List.of(2, 3, 4, 5), a.cpus());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), a.affinity());
        assertEquals(List.of(2, 3, 4, 5, 9), a.cgroupCpuset());
    }

    @Test
    void cpusetIsLookedForUpTheTree() {
        new Fixture(root).status("0-3").cgroupV2("/a/b/c").file("/sys/fs/cgroup/a/cpuset.cpus.effective", "1-2");
        assertEquals(List.of(1, 2), AllowedCpus.read(root).cpus());
    }

    @Test
    void withoutCpusetTheAffinityMaskDecides() {
        new Fixture(root).status("0-1").cgroupV2("/");
        AllowedCpus a = AllowedCpus.read(root);
        assertEquals(List.of(0, 1), a.cpus());
        assertNull(a.cgroupCpuset());
        assertTrue(a.notes().stream().anyMatch(n -> n.contains("cpuset")));
    }

    @Test
    void hybridHostFindsTheUnifiedMountThroughMountinfo() {
        // As on the Debian guest: v1 controllers plus cgroup2 at /sys/fs/cgroup/unified.
        new Fixture(root).status("0-3")
                .file("/proc/self/cgroup", "3:cpuset:/\n1:cpu:/\n0::/job")
                .file("/proc/self/mountinfo", String.join("\n",
                        "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
                        "34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset",
                        "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw"))
                .file("/sys/fs/cgroup/unified/job/cpuset.cpus.effective", "1");
        assertEquals(List.of(1), AllowedCpus.read(root).cpus());
    }

    @Test
    void v1CpusetUsedWhenThereIsNoV2Tree() {
        new Fixture(root).status("0-3")
                .file("/proc/self/cgroup", "3:cpuset:/docker/abc\n1:cpu,cpuacct:/docker/abc")
                .file("/proc/self/mountinfo",
                        "34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset")
                .file("/sys/fs/cgroup/cpuset/docker/abc/cpuset.effective_cpus", "0,3");
        assertEquals(List.of(0, 3), AllowedCpus.read(root).cpus());
    }

    @Test
    void disjointMasksFallBackToAffinityWithANote() {
        new Fixture(root).status("0-1").cgroupV2("/").file("/sys/fs/cgroup/cpuset.cpus.effective", "4-7");
        AllowedCpus a = AllowedCpus.read(root);
        assertEquals(List.of(0, 1), a.cpus());
        assertTrue(a.notes().stream().anyMatch(n -> n.contains("do not overlap")));
    }

    @Test
    void nothingReadableMeansEveryOnlineCpu() {
        new Fixture(root).file("/sys/devices/system/cpu/online", "0-2");
        assertEquals(List.of(0, 1, 2), AllowedCpus.read(root).cpus());
    }
}
