package org.assay.analysis.compare;

import org.assay.results.Bundle;
import org.assay.results.RunManifest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Machine classes: two runs whose machine nobody knows (imported from a tool's file) are not one class. */
class MachineClassTest {

    private static Bundle bundle(String dir, String host) {
        return new Bundle(Path.of(dir), RunManifest.builder().host(host).build(), List.of());
    }

    @Test
    void unknownMachinesAreEachTheirOwnClass() {
        assertNotEquals(MachineClass.of(bundle("a", null)).key(), MachineClass.of(bundle("b", null)).key());
        assertEquals("unknown machine", MachineClass.of(bundle("a", null)).name());
        assertEquals(2, RunColumn.of(List.of(bundle("a", null), bundle("b", null)), true).size());
    }

    @Test
    void runsOfOneNamedHostStillGroup() {
        assertEquals(MachineClass.of(bundle("a", "h1")).key(), MachineClass.of(bundle("b", "h1")).key());
        assertEquals(1, RunColumn.of(List.of(bundle("a", "h1"), bundle("b", "h1")), true).size());
    }
}
