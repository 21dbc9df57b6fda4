package org.assay.probes.preflight;

import org.assay.probes.fixtures.Fixture;
import org.assay.probes.internal.SysFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.assay.results.EnvironmentCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentChecksTest {

    @TempDir
    Path root;

    private static Map<String, EnvironmentCheck> byName(List<EnvironmentCheck> checks) {
        return checks.stream().collect(Collectors.toMap(EnvironmentCheck::name, Function.identity()));
    }

    @Test
    void quietVmWarnsAboutNothingAndSaysCpufreqIsMissing() {
        Map<String, EnvironmentCheck> c = byName(EnvironmentChecks.run(Fixture.amdEpycKvm(root).root));
        assertEquals(11, c.size());
        assertEquals("unavailable (no cpufreq: typical of VMs)", c.get("cpu.governor").value());
        assertNull(c.get("cpu.governor").warning());
        assertTrue(c.get("cpu.boost").value().startsWith("unavailable"));
        assertEquals("notsupported (active 0)", c.get("cpu.smt").value());
        assertEquals("madvise", c.get("memory.thp.enabled").value());
        assertEquals("madvise", c.get("memory.thp.defrag").value());
        assertEquals("off", c.get("memory.swap").value());
        assertEquals("tsc", c.get("clocksource").value());
        assertEquals("none", c.get("cgroup.cpu.quota").value());
        assertTrue(c.get("cpu.steal").value().startsWith("0.02 % since boot"), c.get("cpu.steal").value());
        c.values().forEach(ch -> assertNull(ch.warning(), ch.name() + ": " + ch.warning()));
    }

    @Test
    void busyIntelDesktopWarnsAboutGovernorTurboSmtThpSwapLoadQuotaAndSteal() {
        Map<String, EnvironmentCheck> c = byName(EnvironmentChecks.run(Fixture.intel4c8t(root).root));
        assertEquals("powersave on 0-7", c.get("cpu.governor").value());
        assertTrue(c.get("cpu.governor").warning().contains("performance"));
        assertEquals("on (intel_pstate/no_turbo=0)", c.get("cpu.boost").value());
        assertNotNull(c.get("cpu.boost").warning());
        assertNotNull(c.get("cpu.smt").warning());
        assertEquals("always", c.get("memory.thp.enabled").value());
        assertNotNull(c.get("memory.thp.enabled").warning());
        assertNull(c.get("memory.thp.defrag").warning());
        assertTrue(c.get("memory.swap").value().startsWith("on: 2.0 GiB"), c.get("memory.swap").value());
        assertTrue(c.get("memory.swap").value().contains("/dev/nvme0n1p3"));
        assertNotNull(c.get("memory.swap").warning());
        assertTrue(c.get("os.loadavg").warning().contains("3.50"), c.get("os.loadavg").warning());
        assertTrue(c.get("cgroup.cpu.quota").value().startsWith("2.00 CPUs (200000 100000"));
        assertTrue(c.get("cgroup.cpu.quota").warning().contains("fewer than the 8 CPUs in use"));
        assertNotNull(c.get("cpu.steal").warning(), "900 of 10000 ticks stolen");
        assertTrue(c.get("memory.available").value().contains("cgroup limit 8 GiB"));
    }

    @Test
    void thpActiveChoiceIsTheBracketedWord() {
        assertEquals("madvise", SysFiles.bracketed("always [madvise] never").orElseThrow());
        assertEquals("never", SysFiles.bracketed("always madvise [never]\n").orElseThrow());
        assertEquals("defer+madvise", SysFiles.bracketed("always defer [defer+madvise] madvise never").orElseThrow());
        assertTrue(SysFiles.bracketed("always madvise never").isEmpty());
    }

    @Test
    void thpDefragAlwaysWarnsAboutCompactionStalls() {
        new Fixture(root).file("/sys/kernel/mm/transparent_hugepage/defrag", "[always] defer madvise never");
        EnvironmentCheck c = byName(EnvironmentChecks.run(root)).get("memory.thp.defrag");
        assertEquals("always", c.value());
        assertTrue(c.warning().contains("compaction"));
    }

    @Test
    void halfCpuQuotaWarnsAndNoQuotaDoesNot() {
        new Fixture(root).status("0-1").cgroupV2("/app").file("/sys/fs/cgroup/app/cpu.max", "50000 100000");
        EnvironmentCheck q = byName(EnvironmentChecks.run(root)).get("cgroup.cpu.quota");
        assertTrue(q.value().startsWith("0.50 CPUs (50000 100000"), q.value());
        assertTrue(q.warning().contains("throttl"), q.warning());

        new Fixture(root).file("/sys/fs/cgroup/app/cpu.max", "max 100000");
        q = byName(EnvironmentChecks.run(root)).get("cgroup.cpu.quota");
        assertEquals("none", q.value());
        assertNull(q.warning());
    }

    @Test
    void kvmClockWarnsBecauseNanoTimeGetsDearer() {
        new Fixture(root).file("/sys/devices/system/clocksource/clocksource0/current_clocksource", "kvm-clock");
        EnvironmentCheck c = byName(EnvironmentChecks.run(root)).get("clocksource");
        assertEquals("kvm-clock", c.value());
        assertTrue(c.warning().contains("nanoTime"));
    }

    @Test
    void loadIsJudgedForTheCpusTheRunUses() {
        Fixture.intel4c8t(root).file("/proc/loadavg", "0.60 0.50 0.40 2/900 4242");
        EnvironmentCheck all = byName(EnvironmentChecks.run(root)).get("os.loadavg");
        assertEquals("0.60 0.50 0.40 (1, 5, 15 min) for 8 CPUs in use, 8 online", all.value());
        assertNull(all.warning(), "0.60 is below 0.8 for 8 CPUs");
        EnvironmentCheck two = byName(EnvironmentChecks.run(root, List.of(0, 1))).get("os.loadavg");
        assertEquals("0.60 0.50 0.40 (1, 5, 15 min) for 2 CPUs in use, 8 online", two.value());
        assertNotNull(two.warning(), "0.60 is above the 0.5 floor for 2 CPUs");
        EnvironmentCheck governor = byName(EnvironmentChecks.run(root, List.of(0, 1))).get("cpu.governor");
        assertEquals("powersave on 0-1", governor.value());
    }

    @Test
    void loadThresholdHasAFloorOfHalfACpu() {
        assertEquals(0.5, EnvironmentChecks.loadThreshold(2));
        assertEquals(6.4, EnvironmentChecks.loadThreshold(64), 1e-9);
    }

    @Test
    void lowAvailableMemoryForThePlannedWorkingSetWarns() {
        new Fixture(root).meminfo(16_000_000, 1_000_000, 0, 0);
        EnvironmentCheck c = byName(EnvironmentChecks.run(root, 1L << 30, Duration.ZERO)).get("memory.available");
        assertTrue(c.warning().contains("planned working set of 1 GiB"), c.warning());
    }

    @Test
    void emptyRootGivesEveryCheckAsUnavailableWithoutThrowing() {
        List<EnvironmentCheck> checks = EnvironmentChecks.run(root);
        assertEquals(11, checks.size());
        checks.forEach(c -> assertNotNull(c.value(), c.name()));
    }

    @Test
    void stealWindowAddsAnIntervalFigureOnTheLiveMachine() {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(Path.of("/proc/stat")), "no /proc/stat");
        EnvironmentCheck c = byName(EnvironmentChecks.run(Path.of("/"), 0, Duration.ofMillis(50))).get("cpu.steal");
        assertTrue(c.value().contains("since boot"), c.value());
    }
}
