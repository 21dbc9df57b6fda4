package org.assay.probes;

import org.assay.probes.fixtures.MachineFixtures;
import org.assay.probes.internal.CpuInfo;
import org.assay.probes.internal.CpuidFacts;
import org.assay.probes.internal.ProbeContext;
import org.assay.probes.inventory.Inventory;
import org.assay.probes.inventory.PeakEstimator;
import org.assay.probes.topology.CpuTopology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assay.probes.fixtures.MachineFixtures.XEON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decoding on the Xeon Gold 6248 tree: watts, degrees, MHz and throttle bits with known answers. */
class IntelFixtureTest {

    private static double value(List<Reading> rs, String name, String scope) {
        return rs.stream().filter(r -> r.name().equals(name) && r.scope().equals(scope)).mapToDouble(Reading::value)
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + "@" + scope + " in " + rs));
    }

    @Test
    void cpuidDecodesCascadeLakeIdentityFeaturesAndCachesAndAgreesWithCpuinfo() {
        ProbeContext ctx = new ProbeContext(MachineFixtures.root(XEON));
        CpuidFacts f = ctx.facts;
        assertEquals("GenuineIntel", f.vendor());
        assertEquals(6, f.family());
        assertEquals(0x55, f.model());
        assertEquals(7, f.stepping());
        assertEquals(2500, f.baseMHz());
        assertEquals(3900, f.maxMHz());
        assertTrue(f.features().containsAll(List.of("avx2", "avx512f", "avx512_vnni", "fma")), f.features().toString());
        assertFalse(f.hypervisor());
        assertEquals(4, f.caches().size());
        assertEquals(27_5 * 1024 * 1024 / 10, f.caches().get(3).sizeBytes(), "L3 27.5 MiB");
        assertEquals(11, f.caches().get(3).ways());
        assertEquals(List.of(), f.crossCheck(CpuInfo.parse(ctx.sys.lines("/proc/cpuinfo"))));
    }

    @Test
    void raplPrefersPowercapAndUnwrapsEnergyUjAtMaxEnergyRange(@TempDir Path dir) throws IOException {
        Path root = MachineFixtures.copy(XEON, dir);
        RaplEnergyProbe p = new RaplEnergyProbe(new ProbeContext(root));
        assertTrue(p.availability().available());
        assertTrue(p.availability().source().startsWith("powercap"), p.availability().source());
        p.read(0);
        // 262143328850 is the wrap point: 123456789 -> 262143328000 -> 1000 is +262019871211 then +1850 µJ
        Files.writeString(root.resolve("sys/class/powercap/intel-rapl:0/energy_uj"), "262143328000\n");
        p.read(1_000_000_000L);
        Files.writeString(root.resolve("sys/class/powercap/intel-rapl:0/energy_uj"), "1000\n");
        List<Reading> rs = p.read(2_000_000_000L);
        assertEquals(0.00185, value(rs, "rapl.package.power", "package0"), 1e-9, "W over the 1 s across the wrap");
        assertEquals(262019.871211 + 0.00185, value(rs, "rapl.package.energy", "package0"), 1e-6);
    }

    @Test
    void raplFallsBackToMsrsWithWrapAndTheFixedServerDramUnit(@TempDir Path dir) throws IOException {
        Path root = MachineFixtures.copy(XEON, dir);
        deleteTree(root.resolve("sys/class/powercap"));
        RaplEnergyProbe p = new RaplEnergyProbe(new ProbeContext(root));
        assertTrue(p.availability().available(), p.availability().toString());
        assertTrue(p.availability().source().startsWith("MSR"), p.availability().source());
        p.read(0);
        List<Reading> rs = p.read(500_000_000L);
        // 0xfffff000 -> 0x100 is 0x1100 counts of 2^-14 J over 0.5 s
        assertEquals(0x1100 / 16384.0, value(rs, "rapl.package.energy", "package0"), 1e-12);
        assertEquals(0x1100 / 16384.0 / 0.5, value(rs, "rapl.package.power", "package0"), 1e-9);
        // DRAM on Cascade Lake counts 2^-16 J whatever 0x606 says: 0x10000 counts = 1 J, not 4 J
        assertEquals(1.0, value(rs, "rapl.dram.energy", "package0"), 1e-12);
        assertEquals(150.0, value(rs, "rapl.package.tdp", "package0"), 1e-12);
        assertTrue(rs.stream().noneMatch(r -> r.name().startsWith("rapl.core")), "no PP0 counter on a Xeon: EIO, so absent");
    }

    @Test
    void thermalReadsCoretempByLabelZonesAndTheDigitalReadoutAgainstTjMax() {
        ThermalProbe p = new ThermalProbe(new ProbeContext(MachineFixtures.root(XEON)));
        assertTrue(p.availability().available());
        assertEquals("hwmon, thermal zones, MSR 0x19C/0x1B1 with TjMax from 0x1A2", p.availability().source());
        List<Reading> rs = p.read();
        assertEquals(61.0, value(rs, "temp.package", "package0"));
        assertEquals(58.0, value(rs, "temp.core", "core0"));
        assertEquals(60.0, value(rs, "temp.core", "core1"));
        assertEquals(61.0, value(rs, "temp.zone", "x86_pkg_temp"));
        assertEquals(61.0, value(rs, "temp.package.msr", "package0"), "TjMax 100 - readout 39");
        assertEquals(58.0, value(rs, "temp.core.msr", "core0"), "TjMax 100 - readout 42");
        assertEquals(61.0, p.maxCelsius());
    }

    @Test
    void digitalReadoutIsUnknownWhenTheValidBitIsClear() {
        assertTrue(Double.isNaN(ThermalProbe.decodeDigitalReadout(0x082a0000L, 100, true)));
        assertEquals(58.0, ThermalProbe.decodeDigitalReadout(0x882a0000L, 100, true));
        assertEquals(100, ThermalProbe.decodeTjMax(0x00640000L));
    }

    @Test
    void frequencyUsesAperfMperfTimesTheCpuidBaseClock() {
        FrequencyProbe p = new FrequencyProbe(new ProbeContext(MachineFixtures.root(XEON)));
        assertEquals(FrequencyProbe.Source.APERF_MPERF, p.source());
        List<Reading> rs = p.read();
        assertEquals(3100.0, value(rs, "freq.effective", "cpu0"), 1e-9);
        assertEquals(2000.0, value(rs, "freq.effective", "cpu1"), 1e-9);
        assertEquals("min 1000 MHz, max 3900 MHz, governor performance", p.cpufreqLimits());
    }

    @Test
    void throttleReportsPowerLimitOnThePackageAndThermalOnCoreOneAndCounterIncrements(@TempDir Path dir)
            throws IOException {
        Path root = MachineFixtures.copy(XEON, dir);
        ThrottleProbe p = new ThrottleProbe(new ProbeContext(root));
        assertTrue(p.availability().available(), p.availability().toString());
        Files.writeString(root.resolve("sys/devices/system/cpu/cpu1/thermal_throttle/core_throttle_count"), "9\n");
        List<Reading> rs = p.read();
        assertEquals(1.0, value(rs, "throttle.power_limit", "package0"));
        assertEquals(0.0, value(rs, "throttle.thermal", "package0"));
        assertEquals(1.0, value(rs, "throttle.thermal", "core1"));
        assertEquals(0.0, value(rs, "throttle.thermal", "core0"));
        assertEquals(5.0, value(rs, "throttle.events", ""), "core1 went from 4 to 9");
        assertEquals(2.0, p.events(), "two status bits active, no new counter increments");
    }

    @Test
    void theMultiCoreTurboLimitIsShownButNotCountedAsThrottling(@TempDir Path dir) throws IOException {
        Path root = MachineFixtures.copy(XEON, dir);
        for (int c = 0; c < 2; c++) {
            Path msr = root.resolve("dev/cpu/" + c + "/msr");
            Files.writeString(msr, Files.readString(msr) + "0x64f 0x1000\n");    // bit 12: max turbo limit
        }
        ThrottleProbe p = new ThrottleProbe(new ProbeContext(root));
        assertEquals(1.0, value(p.read(), "throttle.max_turbo", "package0"));
        assertEquals(2.0, p.events(), "still only power_limit on the package and thermal on core 1");
    }

    @Test
    void countersAreNotReadFromAFixtureRootAndSayWhy() {
        PerfCounterProbe p = new PerfCounterProbe(new ProbeContext(MachineFixtures.root(XEON)));
        assertFalse(p.availability().available());
        assertTrue(p.availability().reason().contains("perf_event_paranoid=2: per-process user-space events only"),
                p.availability().reason());
    }

    @Test
    void cpufreqIsTheSourceWhenTheMsrModuleIsMissing(@TempDir Path dir) throws IOException {
        Path root = MachineFixtures.copy(XEON, dir);
        deleteTree(root.resolve("dev/cpu/0/msr"));
        deleteTree(root.resolve("dev/cpu/1/msr"));
        ProbeSet set = ProbeSet.open(root);
        Map<String, Availability> a = new java.util.LinkedHashMap<>();
        set.probes().forEach(p -> a.put(p.id(), p.availability()));
        assertFalse(a.get("msr").available());
        assertTrue(a.get("msr").reason().contains("ENOENT"), a.get("msr").reason());
        assertTrue(a.get("msr").fix().contains("modprobe msr"));
        assertTrue(a.get("frequency").source().startsWith("cpufreq"), a.get("frequency").source());
        assertEquals(2550.0, set.averageMHz(), 1e-9, "mean of scaling_cur_freq 3100 and 2000 MHz");
        assertTrue(a.get("thermal").source().equals("hwmon, thermal zones"), a.get("thermal").source());
    }

    @Test
    void theoreticalPeakUsesTheCpufreqMaximumAndAvx512Width() {
        Path root = MachineFixtures.root(XEON);
        Inventory.Peak p = PeakEstimator.compute(root, CpuTopology.read(root), false);
        assertEquals(32, p.flopPerCyclePerCore());
        assertEquals(3900.0, p.clockMHz());
        assertTrue(p.clockSource().startsWith("cpufreq"), p.clockSource());
        assertEquals(2 * 3900 * 32 / 1000.0, p.gflopsFp64(), 1e-9);
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
