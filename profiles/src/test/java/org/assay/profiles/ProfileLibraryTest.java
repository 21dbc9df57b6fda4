package org.assay.profiles;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inheritance: what a child overrides, keeps, adds and removes; unknown parents and cycles refused. */
class ProfileLibraryTest {

    private static final MetricCatalog METRICS = MetricCatalog.of(List.of("cpu.dgemm", "memory.stream.triad"));

    @TempDir
    Path tmp;

    private static final String CPU = """
            id: cpu-x
            kind: vendor-spec
            description: the CPU
            sources:
              spec.cpu: "vendor page"
            spec:
              cpu: { sockets: 1, cores-per-socket: 32, base-ghz: 2.0, vector-bits: 512, fma-units: 2 }
              memory: { channels-per-socket: 8, mt-s: 4800 }
            expected:
              - { metric: cpu.dgemm, params: { n: 4096 }, value: 100, unit: GFLOP/s }
              - { metric: cpu.dgemm, params: { n: 1024 }, value: 80, unit: GFLOP/s }
            acceptance:
              defaults:
                cpu: { min: { share-of: expected, fraction: 0.9 } }
              rules:
                - { metric: cpu.dgemm, min: { share-of: fp64-peak, fraction: 0.5 } }
            """;

    private static final String INSTANCE = """
            id: vm-x
            kind: instance-type
            extends: cpu-x
            sources:
              spec.cpu.cores-per-socket: "provider page"
            spec:
              cpu: { cores-per-socket: 4 }
              memory: { channels-per-socket: null, size-gib: 16 }
            expected:
              - { metric: cpu.dgemm, params: { n: 4096 }, value: 12, unit: GFLOP/s, runs: 3 }
            acceptance:
              defaults:
                memory: { min: { value: 10, unit: GB/s } }
            """;

    private ProfileLibrary library(String... texts) {
        ProfileLibrary library = ProfileLibrary.empty(METRICS);
        for (int i = 0; i < texts.length; i++) {
            library.addText("p" + i + ".yaml", texts[i]);
        }
        return library;
    }

    @Test
    void aChildOverridesKeepsAddsAndRemoves() {
        Profile vm = library(CPU, INSTANCE).resolve("vm-x");
        assertEquals(List.of("vm-x", "cpu-x"), vm.lineage());
        assertEquals(ProfileKind.INSTANCE_TYPE, vm.kind());
        assertNull(vm.description(), "description is never inherited");
        assertEquals("cpu-x", vm.extendsId());
        // override one field, keep its siblings
        assertEquals(4, vm.spec().cpu().coresPerSocket());
        assertEquals(2.0, vm.spec().cpu().baseGhz());
        assertEquals(512, vm.spec().cpu().vectorBits());
        // null removes; a new field is added
        assertNull(vm.spec().memory().channelsPerSocket());
        assertEquals(4800, vm.spec().memory().mtS());
        assertEquals(16.0, vm.spec().memory().sizeGib());
        // sources merge key by key
        assertEquals("vendor page", vm.sources().get("spec.cpu"));
        assertEquals("provider page", vm.sources().get("spec.cpu.cores-per-socket"));
        // expected results merge by metric and params: n=4096 replaced, n=1024 kept
        assertEquals(2, vm.expected().size());
        assertEquals(12.0, vm.expected(MetricKey.of("cpu.dgemm", java.util.Map.of("n", 4096))).orElseThrow().value());
        assertEquals(3, vm.expected(MetricKey.of("cpu.dgemm", java.util.Map.of("n", "4096"))).orElseThrow().runs());
        assertEquals(80.0, vm.expected(MetricKey.of("cpu.dgemm", java.util.Map.of("n", 1024))).orElseThrow().value());
        // acceptance defaults merge per category, rules are inherited
        assertEquals(Bound.shareOfExpected(0.9), vm.acceptance().defaults().get("cpu").min());
        assertEquals(Bound.absolute(10, "GB/s"), vm.acceptance().defaults().get("memory").min());
        assertEquals(Bound.shareOfLimit("fp64-peak", 0.5), vm.acceptance().rules().get(0).min());
    }

    @Test
    void theChildsLimitsFollowItsOwnSpec() {
        SpecLimits limits = library(CPU, INSTANCE).resolve("vm-x").limits();
        // 1 socket x 4 cores x 2.0 GHz x (512/64 x 2 x 2 = 32 FLOP/cycle) = 256 GFLOP/s
        assertEquals(256.0, limits.get(SpecLimits.FP64_PEAK).orElseThrow().value());
        assertEquals("no channels-per-socket", limits.missing().get(SpecLimits.DRAM_BANDWIDTH));
        // the parent keeps its own: 1 x 8 x 4800 x 8 B = 307.2 GB/s
        assertEquals(307.2, library(CPU).resolve("cpu-x").limits().get(SpecLimits.DRAM_BANDWIDTH).orElseThrow().value());
    }

    @Test
    void theRuleForAMeasurementIsTheMostSpecific() {
        Profile cpu = library(CPU).resolve("cpu-x");
        MetricKey measured = MetricKey.of("cpu.dgemm", java.util.Map.of("n", 2048));
        assertEquals(Bound.shareOfLimit("fp64-peak", 0.5), cpu.acceptance().ruleFor(measured).orElseThrow().min());
        // no rule names cpu.other: the cpu default applies; nothing for storage
        AcceptanceRule fallback = cpu.acceptance().ruleFor(MetricKey.of("cpu.other")).orElseThrow();
        assertEquals(Bound.shareOfExpected(0.9), fallback.min());
        assertTrue(cpu.acceptance().ruleFor(MetricKey.of("storage.seq.read")).isEmpty());
    }

    @Test
    void aCycleIsRefusedAtTheExtendsThatClosesIt() {
        ProfileLibrary library = library("""
                id: a
                kind: vendor-spec
                extends: b
                """, """
                id: b
                kind: vendor-spec
                # b goes back to a
                extends: a
                """);
        ProfileException e = assertThrows(ProfileException.class, () -> library.resolve("a"));
        ProfileProblem p = e.problems().get(0);
        assertEquals("p1.yaml", p.source());
        assertEquals(4, p.line());
        assertEquals(10, p.column());
        assertEquals("extends cycle: a -> b -> a", p.message());
    }

    @Test
    void aProfileExtendingItselfIsACycle() {
        ProfileLibrary library = library("id: a\nkind: vendor-spec\nextends: a\n");
        assertEquals("p0.yaml:3:10: extends cycle: a -> a", assertThrows(ProfileException.class,
                () -> library.resolve("a")).getMessage());
    }

    @Test
    void anUnknownParentGetsTheNearestId() {
        ProfileLibrary library = library(CPU, INSTANCE.replace("extends: cpu-x", "extends: cpu-y"));
        ProfileException e = assertThrows(ProfileException.class, () -> library.resolve("vm-x"));
        assertEquals("p1.yaml:3:10: extends unknown profile 'cpu-y' (did you mean 'cpu-x'?)", e.getMessage());
    }

    @Test
    void anUnknownIdGetsTheNearestId() {
        ProfileException e = assertThrows(ProfileException.class, () -> library(CPU).resolve("cpu-z"));
        assertEquals("unknown profile 'cpu-z' (did you mean 'cpu-x'?)", e.problems().get(0).message());
    }

    @Test
    void aFilesParentIsFoundBesideIt() throws Exception {
        Files.writeString(tmp.resolve("cpu-x.yaml"), CPU);
        Files.writeString(tmp.resolve("vm.yaml"), INSTANCE);
        ProfileLibrary library = ProfileLibrary.empty(METRICS);
        String id = library.addFile(tmp.resolve("vm.yaml"));
        assertEquals("vm-x", id);
        assertEquals(List.of("vm-x", "cpu-x"), library.resolve(id).lineage());
    }

    @Test
    void aParentFileMustCarryTheIdItsNameSays() throws Exception {
        Files.writeString(tmp.resolve("cpu-x.yaml"), CPU.replace("id: cpu-x", "id: cpu-w"));
        Files.writeString(tmp.resolve("vm.yaml"), INSTANCE);
        ProfileLibrary library = ProfileLibrary.empty(METRICS);
        library.addFile(tmp.resolve("vm.yaml"));
        ProfileException e = assertThrows(ProfileException.class, () -> library.resolve("vm-x"));
        assertTrue(e.getMessage().contains("cpu-x.yaml:1:5: file cpu-x.yaml has id 'cpu-w'"), e.getMessage());
    }

    @Test
    void aProblemInTheParentFilePointsIntoTheParent() throws Exception {
        Files.writeString(tmp.resolve("cpu-x.yaml"), CPU.replace("mt-s: 4800", "mt-s: fast"));
        Files.writeString(tmp.resolve("vm.yaml"), INSTANCE);
        ProfileLibrary library = ProfileLibrary.empty(METRICS);
        library.addFile(tmp.resolve("vm.yaml"));
        ProfileException e = assertThrows(ProfileException.class, () -> library.resolve("vm-x"));
        assertEquals(tmp.resolve("cpu-x.yaml") + ":8:43: spec.memory.mt-s = \"fast\": string found, integer expected",
                e.getMessage());
    }

    @Test
    void aLongChainIsRefused() {
        String[] texts = new String[ProfileLibrary.MAX_CHAIN + 1];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = "id: p" + i + "\nkind: vendor-spec\n" + (i + 1 < texts.length ? "extends: p" + (i + 1) + "\n" : "");
        }
        ProfileException e = assertThrows(ProfileException.class, () -> library(texts).resolve("p0"));
        assertTrue(e.getMessage().contains("extends chain longer than"), e.getMessage());
    }

    @Test
    void aBurnInSectionIsInheritedAndOverriddenFieldByField() {
        ProfileLibrary library = library("""
                id: parent
                kind: vendor-spec
                burnIn: { maxDrop: 0.05, maxTemp: 85 }
                """, """
                id: child
                kind: golden-machine
                extends: parent
                burnIn: { maxTemp: 80, maxCorrectedErrors: 2 }
                """);
        BurnInThresholds t = library.resolve("child").burnIn();
        assertEquals(new BurnInThresholds(0.05, null, 80.0, null, null, 2L), t);
        assertEquals(BurnInThresholds.NONE, library(CPU).resolve("cpu-x").burnIn());
    }
}
