package org.assay.profiles;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Burn-in plans: a good one read whole; each kind of mistake refused at its file, line and column. */
class BurnInPlanReaderTest {

    private static ProfileException refused(String yaml) {
        return assertThrows(ProfileException.class, () -> BurnInPlanReader.read("plan.yaml", yaml));
    }

    @Test
    void aPlanOfThreePhasesIsRead() {
        BurnInPlan p = BurnInPlanReader.read("plan.yaml", """
                description: warm up, soak, then the disks alone
                interval: 5s
                thresholds: {maxDrop: 0.1, maxTemp: 90}
                phases:
                  - name: warm-up
                    duration: 5m
                    components: {cpu: {threads: 1}, memory: {size: 10%}}
                  - name: full load
                    duration: 4h
                    components:
                      cpu:
                      memory: {size: 2GiB, threads: 2}
                      storage: {dir: /data, queueDepth: 4}
                      network: {connections: 2}
                    criteria: {maxDrop: 0.05}
                  - name: storage only
                    duration: 30m
                    components: {storage: {dir: /data, size: 1GiB}}
                """);
        assertEquals(5.0, p.intervalSeconds());
        assertEquals(List.of("warm-up", "full load", "storage only"), p.phases().stream().map(BurnInPlan.Phase::name).toList());
        assertEquals(300 + 4 * 3600 + 1800, p.totalSeconds());
        BurnInPlan.Phase full = p.phases().get(1);
        assertNull(full.cpu().threads(), "a bare cpu: means one thread per CPU");
        assertEquals(2L << 30, full.memory().size().bytes());
        assertEquals(4, full.storage().queueDepth());
        assertEquals(0.05, full.criteria().over(p.thresholds()).maxDrop());
        assertEquals(90.0, full.criteria().over(p.thresholds()).maxTemp());
        assertEquals(0.10, p.phases().get(0).memory().size().fraction(), 1e-12);
        assertEquals(8, full.line());
        assertNull(p.phases().get(2).cpu());
    }

    @Test
    void anUnknownFieldIsRefusedAtItsLine() {
        ProfileException e = refused("""
                phases:
                  - name: a
                    duration: 1m
                    components: {cpu: {}}
                    critera: {maxDrop: 0.1}
                """);
        assertEquals(5, e.problems().get(0).line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("plan.yaml:5:"), e.getMessage());
        assertTrue(e.getMessage().contains("critera"), e.getMessage());
    }

    @Test
    void aBadDurationAndAZeroDurationAreRefusedAtTheirLines() {
        ProfileException bad = refused("""
                phases:
                  - name: a
                    duration: 5 minutes
                    components: {cpu: {}}
                """);
        assertEquals(3, bad.problems().get(0).line(), bad.getMessage());
        ProfileException zero = refused("""
                phases:
                  - name: a
                    duration: 1m
                    components: {cpu: {}}
                  - name: b
                    duration: 0s
                    components: {cpu: {}}
                """);
        assertEquals(6, zero.problems().get(0).line(), zero.getMessage());
        assertTrue(zero.getMessage().contains("not a positive duration"), zero.getMessage());
    }

    @Test
    void twoPhasesOfOneNameAndAPhaseWithoutComponentsAreRefused() {
        ProfileException dup = refused("""
                phases:
                  - name: soak
                    duration: 1m
                    components: {cpu: {}}
                  - name: soak
                    duration: 1m
                    components: {network: {}}
                """);
        assertEquals(5, dup.problems().get(0).line(), dup.getMessage());
        ProfileException none = refused("""
                phases:
                  - name: idle
                    duration: 1m
                    components: {}
                """);
        assertEquals(4, none.problems().get(0).line(), none.getMessage());
    }

    @Test
    void storageNeedsADirectoryAndSizesNeedBinaryUnits() {
        ProfileException dir = refused("""
                phases:
                  - name: disk
                    duration: 1m
                    components:
                      storage: {queueDepth: 2}
                """);
        assertEquals(5, dir.problems().get(0).line(), dir.getMessage());
        ProfileException gb = refused("""
                phases:
                  - name: mem
                    duration: 1m
                    components:
                      memory: {size: 2GB}
                """);
        assertEquals(5, gb.problems().get(0).line(), gb.getMessage());
    }

    @Test
    void quantitiesReadDurationsAndSizes() {
        assertEquals(14400, Quantities.seconds("4h"));
        assertEquals(0.5, Quantities.seconds("500ms"));
        assertEquals(30, Quantities.seconds("30"));
        assertEquals(512L << 20, Quantities.size("512MiB").bytes());
        assertEquals(250, Quantities.size("25%").of(1000));
        assertThrows(IllegalArgumentException.class, () -> Quantities.size("120%"));
        assertEquals("1000TiB", Quantities.size("1000TiB").toString());
        assertEquals("1536KiB", Quantities.size("1.5MiB").toString());
        assertEquals("25%", Quantities.size("25%").toString());
        assertThrows(IllegalArgumentException.class, () -> Quantities.seconds("0s"));
    }
}
