package org.assay.probes;

import org.assay.probes.fixtures.Fixture;
import org.assay.probes.fixtures.MachineFixtures;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What every probe promises on every machine shape the tests know (the two captured trees, the
 * Xeon's on its MSR fallback, the three built by {@link Fixture}, and an empty root): it is either available and gives readings,
 * or unavailable with a reason and a fix; it never throws; it closes cleanly; and its energy
 * never runs backwards. The probes come from {@link ProbeSet#probes()}, so a new probe is held
 * to this without being named here.
 */
class ProbeContractTest {

    /** Series whose value cannot be 0 on a working machine: a 0 there is a missing value dressed as a number. */
    private static final List<String> NEVER_ZERO = List.of("freq.", "temp.", "cpuid.family");

    @TempDir
    Path dir;

    private static Map<String, Function<Path, Path>> trees() {
        Map<String, Function<Path, Path>> t = new LinkedHashMap<>();
        t.put(MachineFixtures.XEON, d -> MachineFixtures.copy(MachineFixtures.XEON, d));
        // the MSR fallback, where the package counter wraps between reads
        t.put(MachineFixtures.XEON + " without powercap", d -> {
            Path root = MachineFixtures.copy(MachineFixtures.XEON, d);
            try {
                IntelFixtureTest.deleteTree(root.resolve("sys/class/powercap"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return root;
        });
        t.put(MachineFixtures.EPYC, d -> MachineFixtures.copy(MachineFixtures.EPYC, d));
        t.put("Fixture.amdEpycKvm", d -> Fixture.amdEpycKvm(d).root);
        t.put("Fixture.intel4c8t", d -> Fixture.intel4c8t(d).root);
        t.put("Fixture.twoSocket", d -> Fixture.twoSocket(d).root);
        t.put("empty tree", d -> d);
        return t;
    }

    @TestFactory
    Stream<DynamicContainer> everyProbeKeepsItsContractOnEveryTree() {
        List<DynamicContainer> out = new ArrayList<>();
        for (Map.Entry<String, Function<Path, Path>> tree : trees().entrySet()) {
            Path root = tree.getValue().apply(mkdir(dir.resolve(out.size() + "")));
            ProbeSet set = assertDoesNotThrow(() -> ProbeSet.open(root), tree.getKey());
            List<DynamicTest> tests = new ArrayList<>();
            for (Probe p : set.probes()) {
                tests.add(DynamicTest.dynamicTest(p.id(), () -> keepsItsContract(p, root)));
            }
            tests.add(DynamicTest.dynamicTest("the set closes", () -> closes(set)));
            out.add(DynamicContainer.dynamicContainer(tree.getKey(), tests));
        }
        return out.stream();
    }

    private static void keepsItsContract(Probe p, Path root) {
        Availability a = assertDoesNotThrow(p::availability, p.id());
        assertNotNull(a, p.id() + " has no availability");
        assertFalse(p.id().isBlank());
        assertNotNull(p.unit(), p.id());
        assertFalse(p.description().isBlank(), p.id());
        List<List<Reading>> reads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            reads.add(assertDoesNotThrow(p::read, p.id() + " read " + i));
            advanceProcStat(root);      // so that interval probes have an interval to report
        }
        if (a.available()) {
            assertNotNull(a.source(), p.id());
            assertFalse(a.source().isBlank(), p.id() + " is available but names no source");
            assertTrue(reads.stream().anyMatch(r -> !r.isEmpty()), p.id() + " is available (" + a.source()
                    + ") but gave no readings in four reads");
        } else {
            assertNotNull(a.reason(), p.id());
            assertFalse(a.reason().isBlank(), p.id() + " is unavailable without a reason");
            assertNotNull(a.fix(), p.id());
            assertFalse(a.fix().isBlank(), p.id() + " is unavailable without a fix");
            reads.forEach(r -> assertEquals(List.of(), r, p.id() + " is unavailable (" + a.reason() + ") but read"));
        }
        Map<String, Double> lastEnergy = new HashMap<>();
        for (List<Reading> read : reads) {
            for (Reading r : read) {
                assertNoInventedZero(p, r);
                assertNotNull(r.scope(), p.id() + " " + r);
                if (r.unit().equals("J") && !Double.isNaN(r.value())) {
                    Double before = lastEnergy.put(r.name() + "@" + r.scope(), r.value());
                    assertTrue(r.value() >= 0 && (before == null || r.value() >= before),
                            p.id() + ": energy ran backwards, " + before + " then " + r);
                }
                if (r.name().startsWith("rapl.") && r.unit().equals("W") && !r.name().endsWith(".tdp")) {
                    assertFalse(r.value() < 0, p.id() + ": negative power is a negative energy delta: " + r);
                }
            }
        }
        assertDoesNotThrow(p::close, p.id() + " close");
    }

    /** A reading of a gauge that cannot be 0 is a number or NaN, never a 0 standing in for "not read". */
    static void assertNoInventedZero(Probe p, Reading r) {
        for (String prefix : NEVER_ZERO) {
            if (r.name().startsWith(prefix) && r.value() == 0) {
                fail(p.id() + " invented a zero: " + r + " (a value that could not be read is NaN or absent)");
            }
        }
    }

    private static void closes(ProbeSet set) {
        // ProbeSet and Probe hold descriptors (perf counters): closing must not throw, and a second close is harmless
        assertDoesNotThrow(set::close);
        assertDoesNotThrow(set::close);
    }

    /** Moves every /proc/stat CPU counter on by a few ticks, as a second of a live machine would. */
    private static void advanceProcStat(Path root) {
        Path stat = root.resolve("proc/stat");
        if (!Files.isRegularFile(stat)) {
            return;
        }
        try {
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(stat, StandardCharsets.UTF_8)) {
                if (!line.startsWith("cpu")) {
                    lines.add(line);
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                StringBuilder b = new StringBuilder(f[0]);
                for (int i = 1; i < f.length; i++) {
                    b.append(' ').append(Long.parseLong(f[i]) + i);
                }
                lines.add(b.toString());
            }
            Files.write(stat, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path mkdir(Path d) {
        try {
            return Files.createDirectories(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
