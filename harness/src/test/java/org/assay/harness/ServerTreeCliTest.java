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
        // Every case plans today. The estimates above half an hour for standard on 384 CPUs (GENOA_*)
        // are pinned as they are, though a standard suite should estimate under 30 minutes there.
        // Pinned after the NUMA matrix became one invocation per kind (64 cells on NPS4, 4 on NPS1 and
        // the Xeon's one usable node x 2, 1x1 on the VM): numaMatrixIsPlannedWholeWithinItsBudget checks it.
        PLANS.put("GENOA_NPS1 quick", new Plan(15, "1:24"));
        PLANS.put("GENOA_NPS1 standard", new Plan(180, "1:47:23"));
        PLANS.put("GENOA_NPS1 thorough", new Plan(200, "6:40:36"));
        PLANS.put("GENOA_NPS4 quick", new Plan(15, "2:10"));
        PLANS.put("GENOA_NPS4 standard", new Plan(196, "1:57:36"));
        PLANS.put("GENOA_NPS4 thorough", new Plan(218, "7:18:02"));
        PLANS.put("XEON_CONTAINER quick", new Plan(15, "1:18"));
        PLANS.put("XEON_CONTAINER standard", new Plan(100, "42:44"));
        PLANS.put("XEON_CONTAINER thorough", new Plan(110, "2:50:23"));
        PLANS.put("CLOUD_VM quick", new Plan(15, "1:19"));
        PLANS.put("CLOUD_VM standard", new Plan(52, "20:51"));
        PLANS.put("CLOUD_VM thorough", new Plan(56, "1:18:35"));

        // A case refused because of a defect goes in KNOWN with its exact refusal line, for example
        // KNOWN.put("GENOA_NPS1 thorough", new KnownDefect("assay run: ...", "what is wrong")).
        // "TREE microarchitecture" entries, with the outcome "the live machine's microarchitecture", belong
        // here whenever OSHI's name for the machine running the test leaks into an inventory under --root
    }

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

    @ParameterizedTest
    @EnumSource(Tree.class)
    void everyProbeAnswersAvailableOrWhyNot(Tree t) throws IOException {
        CliCapture r = CliCapture.run("probes", "--root", root(t), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode probes = JSON.readTree(r.out());
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
        // no device nodes and no powercap in these trees: the registers and energy are unavailable from them
        for (String id : List.of("msr", "cpuid", "rapl.energy")) {
            assertFalse(probe(probes, id).get("available").asBoolean(), id + " available on a tree without it");
        }
        assertTrue(probe(probes, "host.procstat").get("available").asBoolean(), "the tree has /proc/stat");
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

    /** Rows (CPU nodes with a usable CPU), columns (nodes) and the most the matrix may take, per suite, in seconds. */
    private record NumaShape(String cpuNodes, String rowCpus, int columns, double quickSeconds, double standardSeconds) {
    }

    private static final Map<Tree, NumaShape> NUMA = new EnumMap<>(Map.of(
            Tree.GENOA_NPS1, new NumaShape("0,1", "0,96", 2, 15, 60),
            Tree.GENOA_NPS4, new NumaShape("0,1,2,3,4,5,6,7", "0,24,48,72,96,120,144,168", 8, 60, 300),
            // the container's CPUs 0-13,40-53 are all on node 0: one row, but both memory nodes
            Tree.XEON_CONTAINER, new NumaShape("0", "0", 2, 10, 30),
            Tree.CLOUD_VM, new NumaShape("0", "0", 1, 10, 30)));

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
