package org.assay.probes;

import org.assay.probes.fixtures.MachineFixtures;
import org.assay.probes.internal.CpuidFacts;
import org.assay.probes.internal.ProbeContext;
import org.assay.probes.internal.RaplUnits;
import org.assay.probes.inventory.Inventory;
import org.assay.probes.inventory.PeakEstimator;
import org.assay.probes.topology.CpuTopology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assay.probes.fixtures.MachineFixtures.EPYC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decoding on the EPYC 7R13 tree: AMD RAPL units, per-core energy, k10temp labels, P-state base clock. */
class AmdFixtureTest {

    private static double value(List<Reading> rs, String name, String scope) {
        return rs.stream().filter(r -> r.name().equals(name) && r.scope().equals(scope)).mapToDouble(Reading::value)
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + "@" + scope + " in " + rs));
    }

    @Test
    void cpuidDecodesZen3IdentityAndTheCacheLeaf8000001D() {
        CpuidFacts f = new ProbeContext(MachineFixtures.root(EPYC)).facts;
        assertEquals("AuthenticAMD", f.vendor());
        assertEquals(0x19, f.family());
        assertEquals(0x01, f.model());
        assertEquals(1, f.stepping());
        assertTrue(f.amdRapl());
        assertTrue(f.amdEffFreqReadOnly());
        assertTrue(f.invariantTsc());
        assertFalse(f.features().contains("avx512f"));
        assertEquals(32L << 20, f.caches().get(3).sizeBytes());
        assertEquals(16, f.caches().get(3).sharedBy());
    }

    @Test
    void raplUsesAmdUnitsSumsOneCounterPerPhysicalCoreAndUnwraps() {
        RaplEnergyProbe p = new RaplEnergyProbe(new ProbeContext(MachineFixtures.root(EPYC)));
        assertTrue(p.availability().available(), p.availability().toString());
        assertTrue(p.availability().reason() == null && p.availability().source().startsWith("MSR"));
        p.read(0);
        List<Reading> rs = p.read(2_000_000_000L);
        assertEquals(16.0, value(rs, "rapl.package.energy", "package0"), 1e-12, "0x100000 counts of 2^-16 J");
        assertEquals(8.0, value(rs, "rapl.package.power", "package0"), 1e-12, "16 J over 2 s");
        // core 0: 0x80000 counts = 8 J; core 1 wraps 0xffff0000 -> 0x10000 = 0x20000 counts = 2 J;
        // the SMT siblings 2 and 3 read the same counters and must not be added again (20 J)
        assertEquals(10.0, value(rs, "rapl.core.energy", "package0"), 1e-12);
    }

    @Test
    void wrapOf32BitCountersMatchesTurbostat() {
        assertEquals(0x1100, RaplEnergyProbe.wrap32(0xFFFFF000L, 0x00000100L));
        assertEquals(5, RaplEnergyProbe.wrap32(10, 15));
        assertEquals(1850, RaplEnergyProbe.powercapDeltaMicroJoules(262143328000L, 1000, 262143328850L));
        RaplUnits intel = RaplUnits.decode(0x000A0E03L);
        assertEquals(0.125, intel.wattsPerCount());
        assertEquals(61.03515625e-6, intel.joulesPerCount(), 1e-15);
        assertEquals(976.5625e-6, intel.secondsPerCount(), 1e-15);
        RaplUnits amd = RaplUnits.decode(0x000A1000L);
        assertEquals(1.0, amd.wattsPerCount());
        assertEquals(15.2587890625e-6, amd.joulesPerCount(), 1e-15);
    }

    @Test
    void thermalMatchesK10tempByLabelWhateverTheOrder(@TempDir Path dir) throws IOException {
        ThermalProbe p = new ThermalProbe(new ProbeContext(MachineFixtures.root(EPYC)));
        List<Reading> rs = p.read();
        assertEquals(65.25, value(rs, "temp.tctl", "package0"));
        assertEquals(58.0, value(rs, "temp.ccd", "package0.ccd1"));
        assertEquals(60.5, value(rs, "temp.ccd", "package0.ccd2"));
        assertEquals(65.25, p.maxCelsius());

        // old k10temp and zenpower: Tdie in temp1, Tctl in temp2
        Path root = MachineFixtures.copy(EPYC, dir);
        Path h = root.resolve("sys/class/hwmon/hwmon1");
        Files.writeString(h.resolve("name"), "zenpower\n");
        Files.writeString(h.resolve("temp1_label"), "Tdie\n");
        Files.writeString(h.resolve("temp1_input"), "45000\n");
        Files.writeString(h.resolve("temp2_label"), "Tctl\n");
        Files.writeString(h.resolve("temp2_input"), "55000\n");
        List<Reading> old = new ThermalProbe(new ProbeContext(root)).read();
        assertEquals(45.0, value(old, "temp.tdie", "package0"));
        assertEquals(55.0, value(old, "temp.tctl", "package0"));
    }

    @Test
    void frequencyUsesTheReadOnlyAperfMperfAliasesTimesPState0() {
        FrequencyProbe p = new FrequencyProbe(new ProbeContext(MachineFixtures.root(EPYC)));
        assertEquals(FrequencyProbe.Source.APERF_MPERF, p.source());
        assertEquals("APERF/MPERF × base 2650 MHz", p.availability().source());
        List<Reading> rs = p.read();
        assertEquals(3710.0, value(rs, "freq.effective", "cpu0"), 1e-9);
        assertEquals(2650.0, value(rs, "freq.effective", "cpu1"), 1e-9);
        assertEquals(2650.0, FrequencyProbe.amdPStateMHz(0x800000000000086AL, 0x19), 1e-9);
        assertEquals(4300.0, FrequencyProbe.amdPStateMHz(0x800000000000035CL, 0x1A), 1e-9, "Zen 5: 5 x 0x35C");
        assertTrue(Double.isNaN(FrequencyProbe.amdPStateMHz(0x086AL, 0x19)), "disabled P-state");
    }

    @Test
    void throttlingIsReportedAsNotKnownOnAmdRatherThanAsNone() {
        ThrottleProbe p = new ThrottleProbe(new ProbeContext(MachineFixtures.root(EPYC)));
        assertFalse(p.availability().available());
        assertTrue(p.availability().reason().startsWith("not known on AMD"));
        assertTrue(Double.isNaN(p.events()));
    }

    @Test
    void aDeniedMsrOpenIsReportedWithItsErrnoAndFix(@TempDir Path dir) throws IOException {
        Path root = MachineFixtures.copy(EPYC, dir);
        for (int c = 0; c < 4; c++) {
            Path msr = root.resolve("dev/cpu/" + c + "/msr");
            Files.writeString(msr, "open-error EPERM\n" + Files.readString(msr));
        }
        ProbeSet set = ProbeSet.open(root);
        Probe msr = set.probes().get(0);
        assertEquals("msr", msr.id());
        assertTrue(msr.availability().reason().contains("EPERM"), msr.availability().reason());
        assertTrue(msr.availability().fix().contains("CAP_SYS_RAWIO"));
        Probe rapl = set.probes().get(2);
        assertFalse(rapl.availability().available());
        assertTrue(rapl.availability().reason().contains("EPERM"), rapl.availability().reason());
        assertTrue(Double.isNaN(set.packageJoules()), "unknown energy is NaN, never 0");
    }

    @Test
    void theoreticalPeakWithoutCpufreqMaxOrCpuid16FallsBackToTheTscRateAndSaysSo(@TempDir Path dir) throws IOException {
        Path root = MachineFixtures.copy(EPYC, dir);
        Inventory.Peak p = PeakEstimator.compute(root, CpuTopology.read(root), false);
        assertEquals(16, p.flopPerCyclePerCore(), "Zen 3: AVX2 + FMA");
        assertEquals(2650.0, p.clockMHz());
        assertTrue(p.clockSource().contains("TSC rate"), p.clockSource());
        assertEquals(2, p.physicalCores());
    }
}
