package org.assay.probes.topology;

import org.assay.probes.fixtures.Fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerLimitsTest {

    @TempDir
    Path root;

    @Test
    void cpuMaxWithMaxMeansNoQuota() {
        assertEquals(Optional.empty(), ContainerLimits.parseCpuMax("max 100000"));
    }

    @Test
    void cpuMaxWithNumbersIsQuotaOverPeriod() {
        assertEquals(Optional.of(0.5), ContainerLimits.parseCpuMax("50000 100000\n"));
        assertEquals(Optional.of(2.0), ContainerLimits.parseCpuMax("200000 100000"));
    }

    @Test
    void garbageCpuMaxIsNoQuotaNotACrash() {
        assertEquals(Optional.empty(), ContainerLimits.parseCpuMax("lots"));
        assertEquals(Optional.empty(), ContainerLimits.parseCpuMax(""));
    }

    @Test
    void noQuotaWhenGroupSaysMax() {
        new Fixture(root).cgroupV2("/app").file("/sys/fs/cgroup/app/cpu.max", "max 100000");
        ContainerLimits l = ContainerLimits.read(root);
        assertEquals("v2", l.cgroupVersion());
        assertNull(l.cpuQuotaCpus());
        assertNull(l.cpuMax());
    }

    @Test
    void quotaOfHalfACpuIsReportedWithItsSource() {
        new Fixture(root).cgroupV2("/app").file("/sys/fs/cgroup/app/cpu.max", "50000 100000");
        ContainerLimits l = ContainerLimits.read(root);
        assertEquals(0.5, l.cpuQuotaCpus());
        assertEquals("50000 100000", l.cpuMax());
        assertEquals("/sys/fs/cgroup/app/cpu.max", l.cpuMaxSource());
    }

    @Test
    void tightestQuotaUpTheTreeBinds() {
        new Fixture(root).cgroupV2("/a/b").file("/sys/fs/cgroup/a/b/cpu.max", "400000 100000")
                .file("/sys/fs/cgroup/a/cpu.max", "150000 100000");
        assertEquals(1.5, ContainerLimits.read(root).cpuQuotaCpus());
    }

    @Test
    void memoryMaxFromAncestorWhenGroupSaysMax() {
        ContainerLimits l = ContainerLimits.read(Fixture.intel4c8t(root).root);
        assertEquals(8L << 30, l.memoryMaxBytes());
        assertEquals(2.0, l.cpuQuotaCpus());
        assertEquals("0-7", l.cpusetEffective());
    }

    @Test
    void v1QuotaMinusOneMeansNoneAndHugeMemoryLimitMeansUnlimited() {
        new Fixture(root).file("/proc/self/cgroup", "4:memory:/job\n1:cpu:/")
                .file("/proc/self/mountinfo", String.join("\n",
                        "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu",
                        "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory"))
                .file("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "-1").file("/sys/fs/cgroup/cpu/cpu.cfs_period_us", "100000")
                .file("/sys/fs/cgroup/memory/job/memory.limit_in_bytes", "9223372036854771712");
        ContainerLimits l = ContainerLimits.read(root);
        assertEquals("v1", l.cgroupVersion());
        assertNull(l.cpuQuotaCpus());
        assertNull(l.memoryMaxBytes());
    }

    @Test
    void v1QuotaIsQuotaOverPeriod() {
        new Fixture(root).file("/proc/self/cgroup", "1:cpu,cpuacct:/docker/x")
                .file("/proc/self/mountinfo",
                        "32 31 0:29 /docker/x /sys/fs/cgroup/cpu,cpuacct ro,relatime - cgroup cgroup rw,cpu,cpuacct")
                .file("/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us", "25000")
                .file("/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us", "100000");
        ContainerLimits l = ContainerLimits.read(root);
        assertEquals(0.25, l.cpuQuotaCpus(), "mount root /docker/x is stripped from the cgroup path");
        assertEquals("25000 100000", l.cpuMax());
    }

    @Test
    void noCgroupAtAllIsNoneWithNotes() {
        ContainerLimits l = ContainerLimits.read(root);
        assertEquals("none", l.cgroupVersion());
        assertNull(l.cpuQuotaCpus());
        assertTrue(!l.notes().isEmpty());
    }
}
