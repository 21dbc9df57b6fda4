package org.assay.probes.snapshot;

import org.assay.probes.fixtures.Fixture;
import org.assay.probes.fixtures.MachineFixtures;
import org.assay.probes.fixtures.ServerTree;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The machine's figures on the generated server trees, the captured trees and small hand-made ones. */
class MachineSensorsTest {

    @TempDir
    static Path trees;

    static MachineSensors xeon;
    static MachineSensors genoa;
    static MachineSensors vm;

    @BeforeAll
    static void generate() throws Exception {
        xeon = MachineSensors.read(ServerTree.write(Files.createDirectory(trees.resolve("xeon")),
                ServerTree.xeonGold6248InContainer()).root);
        genoa = MachineSensors.read(ServerTree.write(Files.createDirectory(trees.resolve("genoa")),
                ServerTree.epycGenoa(1)).root);
        vm = MachineSensors.read(ServerTree.write(Files.createDirectory(trees.resolve("vm")), ServerTree.cloudVm2()).root);
    }

    @Test
    void aTreeIsNotTheLiveMachine() {
        assertFalse(xeon.liveMachine());
        assertEquals(trees.resolve("xeon").toAbsolutePath().normalize().toString(), xeon.root());
    }

    @Test
    void xeonClocksAreOneGroupFromIntelPstate() {
        ClockLimits c = xeon.clocks();
        assertNull(c.reason());
        assertEquals(80, c.cpus().size());
        assertEquals(1, c.groups().size(), c.groups().toString());
        ClockLimits.Group g = c.groups().get(0);
        assertEquals("0-79", g.cpus());
        assertEquals(80, g.count());
        assertEquals(2500.0, g.baseMHz());
        assertEquals("cpufreq base_frequency", g.baseSource());
        assertEquals(3900.0, g.maxMHz());
        assertEquals("cpufreq cpuinfo_max_freq", g.maxSource());
        assertEquals(1000.0, g.minMHz());
        assertEquals("intel_pstate", g.driver());
        assertEquals("performance", g.governor());
    }

    @Test
    void genoaTakesItsBaseFromCppcAndItsBoostFromTheAcpiCpufreqTable() {
        ClockLimits.Group g = genoa.clocks().groups().get(0);
        assertEquals(1, genoa.clocks().groups().size());
        assertEquals(384, g.count());
        assertEquals(2400.0, g.baseMHz());
        assertEquals("acpi_cppc nominal_freq", g.baseSource());
        assertEquals(3707.812, g.maxMHz(), 1e-9);
        assertEquals(1500.0, g.minMHz());
        assertEquals("acpi-cpufreq", g.driver());
    }

    @Test
    void cpusWithDifferentFiguresAreSeparateGroups(@TempDir Path tmp) {
        // intel4c8t: every CPU has a governor, only cpu0 a cpuinfo_max_freq
        MachineSensors m = MachineSensors.read(Fixture.intel4c8t(tmp).root);
        List<ClockLimits.Group> gs = m.clocks().groups();
        assertEquals(2, gs.size(), gs.toString());
        assertEquals("0", gs.get(0).cpus());
        assertEquals(4700.0, gs.get(0).maxMHz());
        assertEquals("1-7", gs.get(1).cpus());
        assertNull(gs.get(1).maxMHz());
        assertNull(m.clocks().reason(), "cpu0 has a clock");
    }

    @Test
    void capturedXeonTakesItsBaseFromPlatformInfoWithoutBaseFrequency() {
        ClockLimits c = MachineSensors.read(MachineFixtures.root(MachineFixtures.XEON)).clocks();
        ClockLimits.CpuClock cpu0 = c.cpus().get(0);
        assertEquals(2500.0, cpu0.baseMHz());
        assertTrue(cpu0.baseSource().startsWith("MSR_PLATFORM_INFO 0xCE"), cpu0.baseSource());
        assertEquals(3900.0, cpu0.maxMHz());
        assertEquals(List.of(), cpu0.turboMHz(), "the tree has no 0x1AD: EIO, no turbo ratios");
    }

    @Test
    void capturedEpycTakesP0FromPStateDef0AndLabelsThePolicyLimit() {
        ClockLimits.CpuClock cpu0 = MachineSensors.read(MachineFixtures.root(MachineFixtures.EPYC)).clocks().cpus().get(0);
        assertEquals(2650.0, cpu0.baseMHz());
        assertEquals("PStateDef0 0xC0010064 (P0)", cpu0.baseSource());
        assertEquals(3600.0, cpu0.maxMHz());
        assertEquals("cpufreq scaling_max_freq (the policy's limit)", cpu0.maxSource());
    }

    @Test
    void pStateAndTurboRatioDecoding() {
        assertEquals(2650.0, ClockLimits.pstateMHz(0x800000000000086aL, 0x19));
        assertEquals(4300.0, ClockLimits.pstateMHz(0x800000000000035CL, 0x1A));
        assertNull(ClockLimits.pstateMHz(0x000000000000086aL, 0x19), "bit 63 clear: not enabled");
        assertEquals(List.of(4200.0, 4100.0, 4000.0, 3900.0), ClockLimits.turboMHz(0x2728292aL));
    }

    @Test
    void vmHasNoneOfTheseAndSaysWhy() {
        assertTrue(vm.clocks().reason().contains("no cpufreq"), vm.clocks().reason());
        assertTrue(vm.clocks().reason().contains("msr missing"), vm.clocks().reason());
        assertFalse(vm.throttle().available());
        assertTrue(vm.throttle().reason().contains("thermal_throttle missing"), vm.throttle().reason());
        assertNull(vm.rapl().source());
        assertTrue(vm.rapl().reason().startsWith("no intel-rapl zones"), vm.rapl().reason());
        assertTrue(vm.temperatures().devices().isEmpty());
        assertTrue(vm.temperatures().reason().startsWith("no temperature"), vm.temperatures().reason());
    }

    @Test
    void xeonThrottleCountsArePerCpuAndSummarisedPerCoreAndPackage() {
        ThrottleCounts t = xeon.throttle();
        assertTrue(t.available(), t.reason());
        assertEquals(80, t.cpus().size());
        ThrottleCounts.CpuCount cpu23 = t.cpus().get(23);
        assertEquals(1, cpu23.packageId());
        assertEquals(3, cpu23.coreId());
        assertEquals(12L, cpu23.count());
        assertEquals(40L, cpu23.maxTimeMs());
        assertEquals(310L, cpu23.totalTimeMs());
        assertEquals(2, t.packages().size());
        assertEquals(0L, t.packages().get(0).count());
        assertEquals(2L, t.packages().get(1).count());
        ThrottleCounts.Summary s = t.summary();
        assertEquals(17, s.coreEvents(), "12 + 5, each core once though both its CPUs count");
        assertEquals(2, s.throttledCores());
        assertEquals("23,31,63,71", s.throttledCpus());
        assertEquals(12, s.maxCount());
        assertEquals(23, s.maxCpu());
        assertEquals(2, s.packageEvents());
        assertEquals(40L, s.longestMs());
    }

    @Test
    void amdSaysTheKernelHasNoThrottleCounters() {
        assertFalse(genoa.throttle().available());
        assertTrue(genoa.throttle().reason().startsWith("AMD: the kernel exposes no thermal-throttle counters"));
        assertNull(genoa.throttle().summary());
    }

    @Test
    void xeonRaplZonesComePackageThenDramWithRangesLimitsAndWrapTime() {
        PowercapZones r = xeon.rapl();
        assertEquals("powercap", r.source());
        assertEquals(List.of("intel-rapl:0", "intel-rapl:0:0", "intel-rapl:1", "intel-rapl:1:0"),
                r.zones().stream().map(PowercapZones.Zone::zone).toList());
        PowercapZones.Zone pkg = r.zones().get(0);
        assertEquals("package-0", pkg.name());
        assertEquals(82345.678901, pkg.energyJoules(), 1e-9);
        assertEquals(262143.32885, pkg.rangeJoules(), 1e-9);
        assertEquals(2, pkg.constraints().size());
        assertEquals("long_term", pkg.constraints().get(0).name());
        assertEquals(150.0, pkg.constraints().get(0).powerLimitWatts());
        assertEquals(0.999424, pkg.constraints().get(0).timeWindowSeconds(), 1e-12);
        assertEquals("short_term", pkg.constraints().get(1).name());
        assertEquals(180.0, pkg.constraints().get(1).powerLimitWatts());
        assertEquals(262143.32885 / 150, pkg.wrapSeconds(), 1e-9);
        PowercapZones.Zone dram = r.zones().get(1);
        assertEquals("dram", dram.name());
        assertEquals(65712.999613, dram.rangeJoules(), 1e-9);
        assertEquals(Boolean.FALSE, dram.enabled());
        assertNull(dram.wrapSeconds(), "a 0 W limit is no limit: no wrap time at it");
        assertTrue(r.wrap().contains("now - before + range"), r.wrap());
    }

    @Test
    void withoutZonesRaplFallsBackToTheMsrs() {
        PowercapZones r = MachineSensors.read(MachineFixtures.root(MachineFixtures.EPYC)).rapl();
        assertEquals("MSR", r.source());
        PowercapZones.MsrPackage p = r.msr().get(0);
        assertNull(p.problem());
        assertEquals("RAPL_PWR_UNIT 0xC0010299", p.unitRegister());
        assertEquals(Math.scalb(1.0, -16), p.joulesPerCount());
        assertEquals(0x10000000 * Math.scalb(1.0, -16), p.energyJoules(), 1e-9);
        assertEquals(65536.0, p.rangeJoules(), 1e-9);
    }

    @Test
    void genoaHasNoRaplHereAndSaysWhyForBothSources() {
        assertNull(genoa.rapl().source());
        assertTrue(genoa.rapl().reason().contains("no intel-rapl zones"), genoa.rapl().reason());
        assertTrue(genoa.rapl().reason().contains("MSR: "), genoa.rapl().reason());
    }

    @Test
    void xeonTemperaturesAreCoretempPerPackageAnNvmeDriveDimmsAndThermalZones() {
        HwmonSensors h = xeon.temperatures();
        assertNull(h.reason());
        assertEquals(List.of("coretemp", "coretemp", "nvme", "jc42", "jc42", "jc42", "jc42"),
                h.devices().stream().map(HwmonSensors.Device::driver).toList());
        HwmonSensors.Device core1 = h.devices().get(1);
        assertEquals("cpu", core1.kind());
        assertEquals("coretemp.1", core1.device());
        assertEquals(21, core1.sensors().size());
        HwmonSensors.Sensor pkg = core1.sensors().get(0);
        assertEquals("temp1", pkg.attribute());
        assertEquals("Package id 1", pkg.label());
        assertEquals(58.0, pkg.celsius());
        assertEquals(90.0, pkg.maxCelsius());
        assertEquals(100.0, pkg.critCelsius());
        assertEquals("Core 19", core1.sensors().get(20).label(), "sensors in attribute order, temp21 last");
        HwmonSensors.Device nvme = h.devices().get(2);
        assertEquals("nvme", nvme.kind());
        assertEquals("nvme0", nvme.device());
        assertEquals("INTEL SSDPE2KX040T8", nvme.model());
        assertEquals("Composite", nvme.sensors().get(0).label());
        assertEquals(31.85, nvme.sensors().get(0).celsius(), 1e-9);
        HwmonSensors.Device dimm = h.devices().get(3);
        assertEquals("dimm", dimm.kind());
        assertEquals("0-0018", dimm.device());
        assertNull(dimm.sensors().get(0).label());
        assertEquals(List.of("x86_pkg_temp", "x86_pkg_temp"),
                h.thermalZones().stream().map(HwmonSensors.ThermalZone::type).toList());
    }

    @Test
    void genoaTemperaturesAreK10tempPerSocketWithEveryCcdTwoDrivesAndDdr5Dimms() {
        HwmonSensors h = genoa.temperatures();
        HwmonSensors.Device k10 = h.devices().get(0);
        assertEquals("k10temp", k10.driver());
        assertEquals("0000:00:18.3", k10.device());
        assertEquals("Tctl", k10.sensors().get(0).label());
        assertEquals(13, k10.sensors().size(), "Tctl and Tccd1..Tccd12");
        assertEquals("Tccd12", k10.sensors().get(12).label());
        assertEquals("0000:00:19.3", h.devices().get(1).device());
        List<HwmonSensors.Device> drives = h.devices().stream().filter(d -> d.kind().equals("nvme")).toList();
        assertEquals(List.of("nvme0", "nvme1"), drives.stream().map(HwmonSensors.Device::device).toList());
        HwmonSensors.Sensor sensor1 = drives.get(0).sensors().get(1);
        assertEquals("Sensor 1", sensor1.label());
        assertNull(sensor1.maxCelsius(), "0xFFFF kelvin is the NVMe driver's unset threshold, not 65261.85 °C");
        assertEquals(8, h.devices().stream().filter(d -> d.driver().equals("spd5118")).count());
        assertTrue(h.thermalZones().isEmpty());
    }

    @Test
    void intelClocksFromTheMsrsAloneWithoutCpufreq(@TempDir Path tmp) {
        new Fixture(tmp).file("/sys/devices/system/cpu/online", "0")
                .file("/proc/cpuinfo", "processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\n")
                .file("/dev/cpu/0/msr", "0xce 0x80838f1011900\n0x1ad 0x2728292a\n");
        ClockLimits.CpuClock c = MachineSensors.read(tmp).clocks().cpus().get(0);
        assertEquals(2500.0, c.baseMHz(), "15:8 = 25");
        assertEquals(800.0, c.minMHz(), "47:40 = 8");
        assertEquals(4200.0, c.maxMHz(), "the highest turbo ratio, 42");
        assertTrue(c.maxSource().startsWith("MSR_TURBO_RATIO_LIMIT 0x1AD"), c.maxSource());
        assertEquals(List.of(4200.0, 4100.0, 4000.0, 3900.0), c.turboMHz());
        assertNull(c.driver());
    }

    @Test
    void intelRaplFromTheMsrsWhenThePowercapZonesAreGone(@TempDir Path tmp) throws Exception {
        Path root = MachineFixtures.copy(MachineFixtures.XEON, tmp.resolve("x"));
        try (var s = Files.walk(root.resolve("sys/class/powercap"))) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        PowercapZones r = MachineSensors.read(root).rapl();
        assertEquals("MSR", r.source());
        PowercapZones.MsrPackage p = r.msr().get(0);
        assertEquals("MSR_PKG_ENERGY_STATUS 0x611", p.energyRegister());
        assertEquals(Math.scalb(1.0, -14), p.joulesPerCount());
        assertEquals(0xfffff000L * Math.scalb(1.0, -14), p.energyJoules(), 1e-9);
        assertEquals(262144.0, p.rangeJoules(), 1e-9, "2^32 counts of 61 µJ");
    }

    @Test
    void anUnreadableEnergyCounterIsSaidPerZoneAndTheRestStillShows(@TempDir Path tmp) throws Exception {
        new Fixture(tmp).file("/sys/class/powercap/intel-rapl:0/name", "package-0")
                .file("/sys/class/powercap/intel-rapl:0/max_energy_range_uj", "262143328850");
        // a directory where the counter should be: the read fails as a denied one does for a non-root user
        Files.createDirectories(tmp.resolve("sys/class/powercap/intel-rapl:0/energy_uj"));
        PowercapZones.Zone z = MachineSensors.read(tmp).rapl().zones().get(0);
        assertNull(z.energyJoules());
        assertTrue(z.energyProblem().startsWith("energy_uj unreadable"), z.energyProblem());
        assertEquals(262143.32885, z.rangeJoules(), 1e-9);
        assertNull(z.wrapSeconds(), "no constraint: no limit to time the wrap at");
    }

    @Test
    void oldKernelsKeepTheAttributesInDevice(@TempDir Path tmp) {
        new Fixture(tmp).file("/sys/class/hwmon/hwmon0/device/name", "coretemp")
                .file("/sys/class/hwmon/hwmon0/device/temp1_input", "45000")
                .file("/sys/class/hwmon/hwmon0/device/temp1_label", "Physical id 0");
        HwmonSensors h = MachineSensors.read(tmp).temperatures();
        assertEquals("coretemp", h.devices().get(0).driver());
        assertEquals(45.0, h.devices().get(0).sensors().get(0).celsius());
    }
}
