package org.assay.probes.snapshot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** EDAC and machine-check counts from a fixture tree, and their absence said, not read as zero. */
class MemoryErrorCountsTest {

    @TempDir
    Path root;

    private void write(String path, String text) throws IOException {
        Path f = root.resolve(path.substring(1));
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    @Test
    void sumsControllersAndMachineChecks() throws IOException {
        write("/sys/devices/system/edac/mc/mc0/ce_count", "3\n");
        write("/sys/devices/system/edac/mc/mc0/ue_count", "0\n");
        write("/sys/devices/system/edac/mc/mc1/ce_count", "4\n");
        write("/sys/devices/system/edac/mc/mc1/ue_count", "1\n");
        write("/proc/interrupts", "           CPU0       CPU1\n  0:         36          0   IO-APIC   2-edge      timer\n"
                + " MCE:          2          5   Machine check exceptions\n MCP:         12         12   Machine check polls\n");
        MemoryErrorCounts c = MemoryErrorCounts.read(root);
        assertEquals(2, c.controllers().size());
        assertEquals(7L, c.correctedErrors());
        assertEquals(1L, c.uncorrectedErrors());
        assertEquals(7L, c.machineChecks());
        assertNull(c.edacReason());
    }

    @Test
    void aMachineWithoutEdacSaysSo() throws IOException {
        write("/proc/interrupts", "           CPU0\n  0:         36   IO-APIC   2-edge      timer\n");
        MemoryErrorCounts c = MemoryErrorCounts.read(root);
        assertNull(c.correctedErrors());
        assertNull(c.machineChecks());
        assertTrue(c.edacReason().contains("no EDAC driver"), c.edacReason());
        assertTrue(c.mceReason().contains("no MCE row"), c.mceReason());
    }

    @Test
    void theLiveMachineReadsWithoutFailing() {
        MemoryErrorCounts c = MemoryErrorCounts.read(Path.of("/"));
        assertTrue(c.correctedErrors() != null || c.edacReason() != null);
        assertTrue(c.machineChecks() != null || c.mceReason() != null);
    }
}
