package org.assay.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assay.probes.fixtures.ServerTree;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CLI on generated trees of real server shapes ({@link ServerTree}): a two-socket 384-CPU chiplet
 * server in NPS1 and NPS4, a two-socket Xeon inside a cgroup that limits CPUs and memory, and a
 * two-vCPU cloud VM. Each tree is generated once; every command reads it through {@code --root}.
 *
 * <p>What the CLI does today that is wrong is in {@link #KNOWN}, with the defect and the exact
 * outcome it has now. A known case is reported as skipped with its reason while the outcome stays
 * exactly that, and fails as soon as it changes (fixed, or broken differently), so that an entry
 * cannot outlive its defect: a fix moves the case from {@code KNOWN} to {@link #PLANS}.
 */
class ServerTreeCliTest {

    enum Tree {
        GENOA_NPS1(ServerTree.epycGenoa(1), "Zen 4"),
        GENOA_NPS4(ServerTree.epycGenoa(4), "Zen 4"),
        XEON_CONTAINER(ServerTree.xeonGold6248InContainer(), "Cascade Lake"),
        CLOUD_VM(ServerTree.cloudVm2(), "Ice Lake");

        final ServerTree.Shape shape;
        /** What the tree's own family/model is called; a microarchitecture from the tree starts with it. */
        final String microarchitecture;

        Tree(ServerTree.Shape shape, String microarchitecture) {
            this.shape = shape;
            this.microarchitecture = microarchitecture;
        }
    }

    /** The facts each tree must show in {@code inventory --json}, written out rather than derived from the shape. */
    private record Facts(int sockets, int cores, int cpus, boolean smt, List<String> nodeCpus, long l3Bytes,
                         int l3Count, String allowed, Double cpuQuota, Long memoryMax, long memTotalBytes) {
    }

    private static final long MIB = 1L << 20;

    private static final Map<Tree, Facts> FACTS = new EnumMap<>(Map.of(
            Tree.GENOA_NPS1, new Facts(2, 192, 384, true, List.of("0-95,192-287", "96-191,288-383"), 32 * MIB, 24,
                    "0-383", null, null, 1_584_000_000L * 1024),
            Tree.GENOA_NPS4, new Facts(2, 192, 384, true, List.of("0-23,192-215", "24-47,216-239", "48-71,240-263",
                    "72-95,264-287", "96-119,288-311", "120-143,312-335", "144-167,336-359", "168-191,360-383"),
                    32 * MIB, 24, "0-383", null, null, 1_584_000_000L * 1024),
            Tree.XEON_CONTAINER, new Facts(2, 40, 80, true, List.of("0-19,40-59", "20-39,60-79"), 55 * MIB / 2, 2,
                    "0-13,40-53", 28.0, 64L << 30, 394_000_000L * 1024),
            Tree.CLOUD_VM, new Facts(1, 2, 2, false, List.of("0-1"), 54 * MIB, 1, "0-1", null, null,
                    8_000_000L * 1024)));

    /** A dry-run that plans: how many invocations, and the estimated total it prints. */
    private record Plan(int invocations, String estimate) {
    }

    private static final Map<String, Plan> PLANS = new HashMap<>();

    /** A known defect: the outcome it has today (a refusal line, or a value) and what is wrong. */
    private record KnownDefect(String outcome, String defect) {
    }

    /** Keyed "TREE suite" for dry-runs and "TREE microarchitecture" for the inventory's CPU name. */
    private static final Map<String, KnownDefect> KNOWN = new HashMap<>();

    static {
        // Every case plans today, inside its bound (BOUNDS).
        PLANS.put("GENOA_NPS1 quick", new Plan(24, "2:10"));
        PLANS.put("GENOA_NPS1 standard", new Plan(94, "26:29"));
        PLANS.put("GENOA_NPS1 thorough", new Plan(194, "6:26:00"));
        PLANS.put("GENOA_NPS4 quick", new Plan(24, "2:55"));
        PLANS.put("GENOA_NPS4 standard", new Plan(99, "29:33"));
        PLANS.put("GENOA_NPS4 thorough", new Plan(205, "6:47:17"));
        PLANS.put("XEON_CONTAINER quick", new Plan(24, "2:03"));
        PLANS.put("XEON_CONTAINER standard", new Plan(93, "24:45"));
        PLANS.put("XEON_CONTAINER thorough", new Plan(138, "4:47:25"));
        PLANS.put("CLOUD_VM quick", new Plan(24, "2:04"));
        PLANS.put("CLOUD_VM standard", new Plan(71, "19:53"));
        PLANS.put("CLOUD_VM thorough", new Plan(92, "3:33:27"));

        // A case refused because of a defect goes in KNOWN with its exact refusal line, for example
        // KNOWN.put("GENOA_NPS1 thorough", new KnownDefect("assay run: ...", "what is wrong")).
        // "TREE microarchitecture" entries, with the outcome "the live machine's microarchitecture", belong
        // here whenever OSHI's name for the machine running the test leaks into an inventory under --root.
        // The NUMA matrix is one invocation per kind (64 cells on NPS4): none is over its budget today.
    }

    /**
     * The time a suite's plan may take by its own estimate, on every tree: a first answer in under
     * 3 minutes, the standard suite under half an hour, of which the NUMA matrix (memory.numa.*)
     * may take 1 and 5 minutes; thorough is the unattended run (3 forks of 15 two-second
     * iterations per invocation and the full ladder for every kernel), bounded by a night of 8
     * hours, 2 of them for the NUMA matrix.
     */
    private record Bound(long totalSeconds, long numaSeconds) {
    }

    private static final Map<String, Bound> BOUNDS = Map.of(
            "quick", new Bound(3 * 60, 60),
            "standard", new Bound(30 * 60, 5 * 60),
            "thorough", new Bound(8 * 3600, 2 * 3600));

    /** The steps the standard suite's ladder has on each tree, as the dry-run names them. */
    private static final Map<Tree, String> STANDARD_STEPS = new EnumMap<>(Map.of(
            Tree.GENOA_NPS1, "1, 2, one L3 (8), one node = one socket (96), all cores (192), all hardware threads (384)",
            Tree.GENOA_NPS4, "1, 2, one L3 (8), one node (24), one socket (96), all cores (192), all hardware threads (384)",
            Tree.XEON_CONTAINER, "1, 2, 4, 8, all cores (14), all hardware threads (28)",
            Tree.CLOUD_VM, "1, all cores (2)"));

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path trees;

    private static final Map<Tree, Path> ROOTS = new EnumMap<>(Tree.class);

    @BeforeAll
    static void generate() throws IOException {
        for (Tree t : Tree.values()) {
            Path root = Files.createDirectory(trees.resolve(t.name()));
            ServerTree.write(root, t.shape);
            ROOTS.put(t, root);
        }
    }

    /**
     * The live machine's microarchitecture as OSHI names it: what a leak into a --root inventory looks
     * like. Asked only when a tree shows a name not its own, as OSHI takes seconds to start.
     */
    private static String liveMicroarchitecture() {
        try {
            return new oshi.SystemInfo().getHardware().getProcessor().getProcessorIdentifier().getMicroarchitecture();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static final Map<Tree, CliCapture> INVENTORIES = new EnumMap<>(Tree.class);

    /** {@code inventory --root TREE --json}, run once per tree: it is the slow command on 384 CPUs. */
    private static synchronized CliCapture inventory(Tree t) {
        return INVENTORIES.computeIfAbsent(t, k -> CliCapture.run("inventory", "--root", root(k), "--json"));
    }

    private static String root(Tree t) {
        return ROOTS.get(t).toString();
    }

    @ParameterizedTest
    @EnumSource(Tree.class)
    void inventoryReportsTheTreesTopologyMemoryAndLimits(Tree t) throws IOException {
        CliCapture r = inventory(t);
        assertEquals(0, r.exitCode(), r.err());
        JsonNode inv = JSON.readTree(r.out());
        Facts f = FACTS.get(t);
        JsonNode cpu = inv.get("cpu");
        assertEquals(t.shape.modelName(), cpu.get("name").asText());
        assertEquals(t.shape.family(), cpu.get("family").asInt());
        assertEquals(t.shape.model(), cpu.get("model").asInt());
        assertEquals(f.sockets(), cpu.get("sockets").asInt(), "sockets");
        assertEquals(f.cores(), cpu.get("physicalCores").asInt(), "physical cores");
        assertEquals(f.cpus(), cpu.get("logicalCpus").asInt(), "logical CPUs");
        assertEquals(f.smt(), cpu.get("smt").asBoolean(), "SMT");
        assertEquals("0-" + (f.cpus() - 1), cpu.get("onlineCpus").asText());

        List<String> nodes = new ArrayList<>();
        for (JsonNode n : inv.get("numa")) {
            assertEquals(nodes.size(), n.get("id").asInt());
            nodes.add(n.get("cpus").asText());
        }
        assertEquals(f.nodeCpus(), nodes, "NUMA nodes and their CPUs");

        JsonNode l3 = cache(inv, "L3");
        assertEquals(f.l3Bytes(), l3.get("sizeBytes").asLong(), "L3 size");
        assertEquals(f.l3Count(), l3.get("instances").asInt(), "L3 instances");
        assertEquals(f.l3Count(), l3.get("sharedBy").size());
        assertEquals(f.cores(), cache(inv, "L2").get("instances").asInt(), "one L2 per core");
        assertEquals(32 * 1024, cache(inv, "L1i").get("sizeBytes").asInt());
        assertTrue(cache(inv, "L3").get("oshiSizeBytes").isNull(), "an L3 size from OSHI under --root: " + l3);

        assertEquals(List.of(f.allowed()), List.of(cpuList(inv.at("/allowedCpus/cpus"))), "allowed CPUs");
        JsonNode container = inv.get("container");
        assertEquals("v2", container.get("cgroupVersion").asText());
        assertEquals(f.allowed(), container.get("cpusetEffective").asText());
        if (f.cpuQuota() == null) {
            assertTrue(container.get("cpuQuotaCpus").isNull(), container.toString());
        } else {
            assertEquals(f.cpuQuota(), container.get("cpuQuotaCpus").asDouble(), 1e-9);
        }
        if (f.memoryMax() == null) {
            assertTrue(container.get("memoryMaxBytes").isNull(), container.toString());
        } else {
            assertEquals(f.memoryMax().longValue(), container.get("memoryMaxBytes").asLong());
        }
        assertEquals(f.memTotalBytes(), inv.at("/memory/totalBytes").asLong(), "MemTotal");
        assertEquals(t == Tree.CLOUD_VM, inv.at("/virtualization/hypervisorFlag").asBoolean(), "hypervisor flag");
    }

    @ParameterizedTest
    @EnumSource(Tree.class)
    void inventoryNamesTheTreesMicroarchitectureOrNone(Tree t) throws IOException {
        CliCapture r = inventory(t);
        assertEquals(0, r.exitCode(), r.err());
        JsonNode m = JSON.readTree(r.out()).at("/cpu/microarchitecture");
        String shown = m.isMissingNode() || m.isNull() ? null : m.asText();
        boolean own = shown == null || shown.startsWith(t.microarchitecture);
        String live = own ? null : liveMicroarchitecture();
        boolean leaked = !own && shown.equals(live);
        KnownDefect known = KNOWN.get(t + " microarchitecture");
        if (known != null && leaked) {
            abort(known.defect() + " (shows \"" + shown + "\")");
        }
        if (known != null) {
            assertTrue(own, "microarchitecture \"" + shown + "\" is neither the tree's (" + t.microarchitecture
                    + ") nor the live machine's (" + live + ")");
            fail("microarchitecture is now " + (shown == null ? "absent" : "\"" + shown + "\"")
                    + ", no longer the live machine's: remove \"" + t + " microarchitecture\" from KNOWN");
        }
        assertTrue(own, "microarchitecture \"" + shown + "\" on the " + t + " tree (family " + t.shape.family()
                + " model " + t.shape.model() + ", should be absent or " + t.microarchitecture + "...)"
                + (leaked ? ": it is the live machine's, from OSHI" : ""));
    }

    private static final Map<Tree, CliCapture> PROBES = new EnumMap<>(Tree.class);

    /** {@code probes --root TREE --json}, run once per tree. */
    private static synchronized CliCapture probesJson(Tree t) {
        return PROBES.computeIfAbsent(t, k -> CliCapture.run("probes", "--root", root(k), "--json"));
    }

    @ParameterizedTest
    @EnumSource(Tree.class)
    void everyProbeAnswersAvailableOrWhyNot(Tree t) throws IOException {
        CliCapture r = probesJson(t);
        assertEquals(0, r.exitCode(), r.err());
        JsonNode probes = JSON.readTree(r.out()).get("probes");
        assertEquals(8, probes.size(), r.out());
        for (JsonNode p : probes) {
            String id = p.get("id").asText();
            assertTrue(p.get("available").isBoolean(), id + ": " + p);
            if (!p.get("available").asBoolean()) {
                JsonNode reason = p.get("reason");
                assertNotNull(reason, id);
                assertFalse(reason.isNull() || reason.asText().isBlank(), id + " is unavailable without a reason");
            }
        }
        // no device nodes in these trees: the registers are unavailable from them
        for (String id : List.of("msr", "cpuid")) {
            assertFalse(probe(probes, id).get("available").asBoolean(), id + " available on a tree without it");
        }
        boolean xeon = t == Tree.XEON_CONTAINER;
        boolean vm = t == Tree.CLOUD_VM;
        assertEquals(xeon, probe(probes, "rapl.energy").get("available").asBoolean(), "powercap zones on the Xeon only");
        assertEquals(xeon, probe(probes, "throttle").get("available").asBoolean(), "thermal_throttle on the Xeon only");
        assertEquals(!vm, probe(probes, "thermal").get("available").asBoolean(), "coretemp/k10temp except on the VM");
        assertTrue(probe(probes, "host.procstat").get("available").asBoolean(), "the tree has /proc/stat");
    }

    /** What each tree's machine section must say, line by line after its first; ROOT stands for the tree. */
    private static final Map<Tree, List<String>> MACHINE_LINES = new EnumMap<>(Map.of(
            Tree.XEON_CONTAINER, List.of(
                    "clock      80 CPUs: base 2500 MHz (cpufreq base_frequency), max 3900 MHz (cpufreq cpuinfo_max_freq),"
                            + " min 1000 MHz (cpufreq cpuinfo_min_freq); intel_pstate, governor performance",
                    "throttle   since boot (thermal_throttle): 17 core event(s) on 2 core(s) (CPUs 23,31,63,71; most 12 on"
                            + " CPU 23); package events 0 (package 0), 2 (package 1); longest 40 ms",
                    "rapl       package-0 (powercap intel-rapl:0): 82346 J, range 262143 J, wraps every 29.1 min at the"
                            + " long_term limit; limits long_term 150 W over 999 ms, short_term 180 W over 2.44 ms",
                    "           dram (powercap intel-rapl:0:0): 12346 J, range 65713 J; no power limit set",
                    "           package-1 (powercap intel-rapl:1): 91235 J, range 262143 J, wraps every 29.1 min at the"
                            + " long_term limit; limits long_term 150 W over 999 ms, short_term 180 W over 2.44 ms",
                    "           dram (powercap intel-rapl:1:0): 13457 J, range 65713 J; no power limit set",
                    "           wrap: each counter counts up to its range, then starts again from 0: across one wrap the"
                            + " energy is now - before + range, and a reader sampling less often than range / power loses"
                            + " whole ranges",
                    "temps      coretemp (cpu, hwmon0 coretemp.0): Package id 0 51.0 °C (max 90, crit 100); Core x20"
                            + " 46.0-50.0 °C (max 90, crit 100)",
                    "           coretemp (cpu, hwmon1 coretemp.1): Package id 1 58.0 °C (max 90, crit 100); Core x20"
                            + " 52.0-56.0 °C (max 90, crit 100)",
                    "           nvme (nvme, hwmon2 nvme0 INTEL SSDPE2KX040T8): Composite 31.9 °C (max 69.9, crit 74.9)",
                    "           jc42 x4 (dimm, hwmon3=0-0018 hwmon4=0-0019 hwmon5=0-001a hwmon6=0-001b): 33.3-34.0 °C"
                            + " (max 85, crit 95)",
                    "           thermal thermal_zone0 x86_pkg_temp: 51.0 °C",
                    "           thermal thermal_zone1 x86_pkg_temp: 58.0 °C"),
            Tree.GENOA_NPS1, genoaLines(),
            Tree.GENOA_NPS4, genoaLines(),
            Tree.CLOUD_VM, List.of(
                    "clock      unknown: no cpufreq (ROOT/sys/devices/system/cpu/cpu0/cpufreq missing: no scaling driver,"
                            + " typical of VMs) and no MSR (ROOT/dev/cpu/0/msr missing (ENOENT))",
                    "throttle   unavailable: ROOT/sys/devices/system/cpu/cpu0/thermal_throttle missing (no"
                            + " thermal-interrupt driver: typical of VMs, whose CPUs report no thermal events)",
                    "rapl       unavailable: no intel-rapl zones in ROOT/sys/class/powercap (intel_rapl_msr not loaded, a"
                            + " kernel without AMD RAPL in powercap, or a VM); MSR: ROOT/dev/cpu/0/msr missing (ENOENT)",
                    "temps      unavailable: no temperature in ROOT/sys/class/hwmon or ROOT/sys/class/thermal (no sensor"
                            + " driver: typical of VMs, where the host keeps the sensors)")));

    private static List<String> genoaLines() {
        return List.of(
                "clock      384 CPUs: base 2400 MHz (acpi_cppc nominal_freq), max 3708 MHz (cpufreq cpuinfo_max_freq),"
                        + " min 1500 MHz (cpufreq cpuinfo_min_freq); acpi-cpufreq, governor schedutil",
                "throttle   unavailable: AMD: the kernel exposes no thermal-throttle counters (thermal_throttle is Intel's"
                        + " thermal-interrupt driver)",
                "rapl       unavailable: no intel-rapl zones in ROOT/sys/class/powercap (intel_rapl_msr not loaded, a"
                        + " kernel without AMD RAPL in powercap, or a VM); MSR: ROOT/dev/cpu/0/msr missing (ENOENT)",
                "temps      k10temp (cpu, hwmon0 0000:00:18.3): Tctl 54.9 °C; Tccd x12 45.3-48.0 °C",
                "           k10temp (cpu, hwmon1 0000:00:19.3): Tctl 57.1 °C; Tccd x12 47.3-50.0 °C",
                "           nvme (nvme, hwmon2 nvme0 SAMSUNG MZQL23T8HCLS-00A07): Composite 36.9 °C (max 79.9, crit 82.9);"
                        + " Sensor 1 36.9 °C",
                "           nvme (nvme, hwmon3 nvme1 SAMSUNG MZQL23T8HCLS-00A07): Composite 37.9 °C (max 79.9, crit 82.9);"
                        + " Sensor 1 37.9 °C",
                "           spd5118 x8 (dimm, hwmon4=1-0050 ... hwmon11=1-0057): 38.5-40.3 °C (max 55, crit 85)");
    }

    @ParameterizedTest
    @EnumSource(Tree.class)
    void probesTextShowsTheTreesClockThrottleRaplAndTemperaturesWithTheirSources(Tree t) {
        CliCapture r = CliCapture.run("probes", "--root", root(t));
        assertEquals(0, r.exitCode(), r.err());
        String head = "machine    " + root(t) + " (--root: every figure below is from this tree's files, none from the"
                + " running machine)";
        int at = r.out().indexOf("\n" + head + "\n");
        assertTrue(at >= 0, "no machine section for the tree:\n" + r.out());
        List<String> shown = r.out().substring(at + 1).lines().skip(1).toList();
        List<String> expected = MACHINE_LINES.get(t).stream().map(l -> l.replace("ROOT", root(t))).toList();
        assertEquals(expected, shown);
        // at a glance: a reading taken on every CPU is one line, not one per CPU
        List<String> probeLines = r.out().substring(0, at).lines().toList();
        assertTrue(probeLines.size() < 40, probeLines.size() + " lines of probes:\n" + r.out());
        if (t != Tree.CLOUD_VM) {
            int cpus = FACTS.get(t).cpus();
            String clock = t == Tree.XEON_CONTAINER ? "3100 MHz" : "2400 MHz";
            assertTrue(probeLines.stream().anyMatch(l -> l.matches(" +freq\\.cpufreq +" + cpus + " CPUs +" + clock)),
                    r.out());
        }
    }

    @ParameterizedTest
    @EnumSource(Tree.class)
    void probesJsonHasTheTreesFiguresPerCpuAndGrouped(Tree t) throws IOException {
        CliCapture r = probesJson(t);
        assertEquals(0, r.exitCode(), r.err());
        JsonNode m = JSON.readTree(r.out()).get("machine");
        assertFalse(m.get("liveMachine").asBoolean(), "a --root tree is not the live machine");
        assertEquals(ROOTS.get(t).toAbsolutePath().normalize().toString(), m.get("root").asText());
        int cpus = FACTS.get(t).cpus();
        JsonNode clocks = m.get("clocks");
        assertEquals(cpus, clocks.get("cpus").size(), "one clock entry per CPU");
        assertEquals(1, clocks.get("groups").size(), "every CPU alike: one group");
        JsonNode g = clocks.at("/groups/0");
        assertEquals("0-" + (cpus - 1), g.get("cpus").asText());
        List<String> drivers = new ArrayList<>();
        m.at("/temperatures/devices").forEach(d -> drivers.add(d.get("driver").asText()));
        switch (t) {
            case XEON_CONTAINER -> {
                assertEquals(2500, g.get("baseMHz").asDouble());
                assertEquals(3900, g.get("maxMHz").asDouble());
                assertEquals("cpufreq base_frequency", g.get("baseSource").asText());
                JsonNode th = m.get("throttle");
                assertEquals(cpus, th.get("cpus").size(), "per-CPU detail");
                assertEquals(12, th.at("/cpus/23/count").asInt());
                assertEquals(17, th.at("/summary/coreEvents").asInt());
                assertEquals("23,31,63,71", th.at("/summary/throttledCpus").asText());
                assertEquals(2, th.at("/packages/1/count").asInt());
                assertEquals("powercap", m.at("/rapl/source").asText());
                List<String> zones = new ArrayList<>();
                m.at("/rapl/zones").forEach(z -> zones.add(z.get("name").asText()));
                assertEquals(List.of("package-0", "dram", "package-1", "dram"), zones);
                assertEquals(262143.32885, m.at("/rapl/zones/0/rangeJoules").asDouble(), 1e-9);
                assertEquals(150, m.at("/rapl/zones/0/constraints/0/powerLimitWatts").asDouble());
                assertEquals(List.of("coretemp", "coretemp", "nvme", "jc42", "jc42", "jc42", "jc42"), drivers);
                assertEquals(2, m.at("/temperatures/thermalZones").size());
            }
            case GENOA_NPS1, GENOA_NPS4 -> {
                assertEquals(2400, g.get("baseMHz").asDouble());
                assertEquals("acpi_cppc nominal_freq", g.get("baseSource").asText());
                assertEquals(3707.812, g.get("maxMHz").asDouble(), 1e-9);
                assertFalse(m.at("/throttle/available").asBoolean());
                assertTrue(m.at("/throttle/reason").asText().startsWith("AMD: "), m.get("throttle").toString());
                assertTrue(m.at("/rapl/source").isNull());
                assertTrue(m.at("/rapl/reason").asText().startsWith("no intel-rapl zones"));
                List<String> expected = new ArrayList<>(List.of("k10temp", "k10temp", "nvme", "nvme"));
                expected.addAll(java.util.Collections.nCopies(8, "spd5118"));
                assertEquals(expected, drivers);
                assertEquals("Tccd12", m.at("/temperatures/devices/0/sensors/12/label").asText());
                assertEquals("nvme1", m.at("/temperatures/devices/3/device").asText());
            }
            case CLOUD_VM -> {
                assertTrue(g.get("baseMHz").isNull() && g.get("maxMHz").isNull(), g.toString());
                assertTrue(clocks.get("reason").asText().startsWith("no cpufreq"));
                assertFalse(m.at("/throttle/available").asBoolean());
                assertTrue(m.at("/rapl/source").isNull());
                assertEquals(List.of(), drivers);
                assertFalse(m.at("/temperatures/reason").asText().isBlank());
            }
        }
    }

    static List<Arguments> dryRuns() {
        List<Arguments> out = new ArrayList<>();
        for (Tree t : Tree.values()) {
            for (String suite : List.of("quick", "standard", "thorough")) {
                out.add(Arguments.of(t, suite));
            }
        }
        return out;
    }

    private static final Pattern PLAN_LINE = Pattern.compile("(?m)^Plan: (\\d+) invocation\\(s\\) on CPUs (\\S+) ");
    private static final Pattern ESTIMATE = Pattern.compile("(?m)^Estimated total: (\\d+(?::\\d\\d)+) ");

    @ParameterizedTest(name = "{0} --suite {1}")
    @MethodSource("dryRuns")
    void dryRunPlansOrIsRefusedExactlyAsToday(Tree t, String suite) {
        String key = t + " " + suite;
        Plan plan = PLANS.get(key);
        KnownDefect known = KNOWN.get(key);
        assertTrue(plan == null ^ known == null, key + " must be in exactly one of PLANS and KNOWN");
        CliCapture r = CliCapture.run("run", "--dry-run", "--root", root(t), "--suite", suite);
        if (r.exitCode() == 0) {
            Matcher planLine = PLAN_LINE.matcher(r.out());
            Matcher estimate = ESTIMATE.matcher(r.out());
            assertTrue(planLine.find(), r.out());
            assertTrue(estimate.find(), "no estimated total before the run:\n" + r.out());
            Plan now = new Plan(Integer.parseInt(planLine.group(1)), estimate.group(1));
            if (known != null) {
                fail(key + " now plans " + now + " (" + known.defect() + "): move it from KNOWN to PLANS");
            }
            assertEquals(plan, now, key + ":\n" + r.out());
            assertEquals(FACTS.get(t).allowed(), planLine.group(2), "the plan's CPUs are the allowed ones");
            return;
        }
        assertEquals(2, r.exitCode(), key + ": " + r.err());
        String refusal = r.err().strip();
        assertEquals(1, refusal.lines().count(), "a refusal is one line:\n" + r.err());
        assertTrue(r.out().isEmpty(), "nothing planned is printed before a refusal:\n" + r.out());
        if (known == null) {
            fail(key + " is refused although it planned " + plan + ": " + refusal);
        }
        assertEquals(known.outcome(), refusal, key + " is refused differently from the known defect ("
                + known.defect() + ")");
        abort(known.defect() + " (" + refusal + ")");
    }

    @ParameterizedTest(name = "{0} --suite {1}")
    @MethodSource("dryRuns")
    void planStaysInsideItsTimeBound(Tree t, String suite) throws IOException {
        String key = t + " " + suite;
        CliCapture r = CliCapture.run("run", "--dry-run", "--root", root(t), "--suite", suite, "--json");
        assertEquals(0, r.exitCode(), key + ": " + r.err());
        JsonNode plan = JSON.readTree(r.out());
        double total = 0;
        double numa = 0;
        for (JsonNode inv : plan.get("invocations")) {
            double s = inv.get("estimatedSeconds").asDouble();
            total += s;
            if (inv.get("workload").asText().startsWith("memory.numa.")) {
                numa += s;
            }
        }
        Bound bound = BOUNDS.get(suite);
        // the NUMA matrix grows with the node count, so it has a budget of its own inside the total
        assertTrue(numa <= bound.numaSeconds(), key + ": the NUMA matrix estimates " + Math.round(numa)
                + " s, over its " + bound.numaSeconds() + " s");
        assertTrue(total <= bound.totalSeconds(), key + ": the plan estimates " + Math.round(total) + " s, over its "
                + bound.totalSeconds() + " s (" + Math.round(numa) + " s of them the NUMA matrix)");
    }

    @ParameterizedTest
    @EnumSource(Tree.class)
    void theDryRunNamesEachStepOfTheLadder(Tree t) {
        // the CPU and memory kernels' ladder; socket and storage workloads add their own counts
        // (2 workers per stream, jobs) to the plan's line
        CliCapture r = CliCapture.run("run", "--dry-run", "--root", root(t), "--suite", "standard", "--only", "cpu.*,memory.*");
        assertEquals(0, r.exitCode(), r.err());
        Matcher m = Pattern.compile("(?m)^Thread steps: (.*)$").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertEquals(STANDARD_STEPS.get(t), m.group(1));
    }

    /** Rows (CPU nodes with a usable CPU), columns (nodes) and the most the matrix may take, per suite, in seconds. */
    private record NumaShape(String cpuNodes, String rowCpus, int columns, double quickSeconds, double standardSeconds) {
    }

    private static final Map<Tree, NumaShape> NUMA = new EnumMap<>(Map.of(
            Tree.GENOA_NPS1, new NumaShape("0,1", "1,96", 2, 15, 60),
            Tree.GENOA_NPS4, new NumaShape("0,1,2,3,4,5,6,7", "1,24,48,72,96,120,144,168", 8, 60, 300),
            // the container's CPUs 0-13,40-53 are all on node 0: one row, but both memory nodes
            Tree.XEON_CONTAINER, new NumaShape("0", "1", 2, 10, 30),
            Tree.CLOUD_VM, new NumaShape("0", "1", 1, 10, 30)));

    @ParameterizedTest
    @EnumSource(Tree.class)
    void numaMatrixIsPlannedWholeWithinItsBudget(Tree t) throws IOException {
        NumaShape shape = NUMA.get(t);
        for (String suite : List.of("quick", "standard")) {
            CliCapture r = CliCapture.run("run", "--dry-run", "--json", "--root", root(t), "--suite", suite,
                    "--only", "memory.numa.*");
            assertEquals(0, r.exitCode(), r.err());
            JsonNode invocations = JSON.readTree(r.out()).get("invocations");
            assertEquals(2, invocations.size(), "one invocation per kind, latency and bandwidth:\n" + r.out());
            double seconds = 0;
            for (JsonNode inv : invocations) {
                JsonNode p = inv.get("params");
                assertEquals(shape.cpuNodes(), p.get("cpuNodes").asText(), t + " rows");
                assertEquals(shape.rowCpus(), p.get("rowCpus").asText(), t + " row CPUs");
                assertEquals(shape.columns(), p.get("memNodes").asText().split(",").length, t + " columns");
                assertEquals(shape.rowCpus().split(",")[0], inv.get("cpus").get(0).asText(),
                        "the worker is planned on the first row's CPU");
                seconds += inv.get("estimatedSeconds").asDouble();
            }
            double budget = suite.equals("quick") ? shape.quickSeconds() : shape.standardSeconds();
            assertTrue(seconds <= budget, t + " " + suite + ": the matrix estimates " + seconds + " s, over " + budget);
        }
    }

    private static JsonNode cache(JsonNode inv, String label) {
        for (JsonNode c : inv.get("caches")) {
            if (c.get("label").asText().equals(label)) {
                return c;
            }
        }
        throw new AssertionError("no " + label + " in " + inv.get("caches"));
    }

    private static JsonNode probe(JsonNode probes, String id) {
        for (JsonNode p : probes) {
            if (p.get("id").asText().equals(id)) {
                return p;
            }
        }
        throw new AssertionError("no probe " + id);
    }

    /** A JSON array of CPU numbers as a kernel CPU list ("0-13,40-53"). */
    private static String cpuList(JsonNode cpus) {
        List<String> ranges = new ArrayList<>();
        int i = 0;
        while (i < cpus.size()) {
            int first = cpus.get(i).asInt();
            int last = first;
            while (i + 1 < cpus.size() && cpus.get(i + 1).asInt() == last + 1) {
                last = cpus.get(++i).asInt();
            }
            ranges.add(first == last ? "" + first : first + "-" + last);
            i++;
        }
        return String.join(",", ranges);
    }
}
