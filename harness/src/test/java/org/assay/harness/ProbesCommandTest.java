package org.assay.harness;

import com.fasterxml.jackson.databind.JsonNode;
import org.assay.results.BundleFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProbesCommandTest {

    private static final List<String> IDS = List.of("msr", "cpuid", "rapl.energy", "thermal", "frequency", "throttle",
            "perf.counters", "host.procstat");

    @Test
    void jsonListsEveryProbeAndEachUnavailableOneSaysWhyAndHowToFixIt() throws Exception {
        CliCapture c = CliCapture.run("probes", "--json");
        assertEquals(0, c.exitCode(), c.err());
        JsonNode arr = BundleFormat.mapper().readTree(c.out()).get("probes");
        Set<String> ids = new HashSet<>();
        for (JsonNode p : arr) {
            ids.add(p.get("id").asText());
            if (p.get("available").asBoolean()) {
                assertFalse(p.get("source").asText().isBlank(), p.toString());
            } else {
                assertFalse(p.get("reason").asText().isBlank(), p.toString());
                assertFalse(p.get("fix").asText().isBlank(), p.toString());
                assertEquals(0, p.get("readings").size(), "no readings from an unavailable probe");
            }
            for (JsonNode r : p.get("readings")) {
                assertTrue(r.get("value").isNull() || r.get("value").isNumber(), r.toString());
            }
        }
        assertEquals(new HashSet<>(IDS), ids);
    }

    @Test
    void textNamesTheFixOfEveryUnavailableProbe() {
        CliCapture c = CliCapture.run("probes");
        assertEquals(0, c.exitCode(), c.err());
        long unavailable = c.out().lines().filter(l -> l.matches("^\\S+\\s+unavailable .*")).count();
        long fixes = c.out().lines().filter(l -> l.trim().startsWith("fix: ")).count();
        assertEquals(unavailable, fixes, c.out());
        for (String id : IDS) {
            assertTrue(c.out().contains(id), id);
        }
        // the machine section, after the probes: every figure is there, known or with a reason
        int at = c.out().indexOf("\nmachine    this machine (/)\n");
        assertTrue(at >= 0, c.out());
        List<String> machine = c.out().substring(at + 1).lines().toList();
        for (String line : List.of("clock ", "throttle ", "rapl ", "temps ")) {
            assertTrue(machine.stream().anyMatch(l -> l.startsWith(line)), line + " missing:\n" + c.out());
        }
    }

    @Test
    void rootReadsACapturedTreeInsteadOfThisMachine(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("dev/cpu/0"));
        Files.writeString(tmp.resolve("dev/cpu/0/msr"), "0x10 0x1234\n");
        Files.createDirectories(tmp.resolve("proc"));
        Files.writeString(tmp.resolve("proc/stat"), "cpu  1 0 1 10 0 0 0 0 0 0\ncpu0 1 0 1 10 0 0 0 0 0 0\n");
        CliCapture c = CliCapture.run("probes", "--json", "--root", tmp.toString());
        assertEquals(0, c.exitCode(), c.err());
        JsonNode top = BundleFormat.mapper().readTree(c.out());
        assertFalse(top.at("/machine/liveMachine").asBoolean(), "a --root tree is not the live machine");
        JsonNode msr = top.get("probes").get(0);
        assertEquals("msr", msr.get("id").asText());
        assertTrue(msr.get("available").asBoolean(), msr.toString());
        assertEquals(0x1234, msr.get("readings").get(0).get("value").asLong());
    }

    @Test
    void watchRefreshesTheReadings() {
        CliCapture c = CliCapture.run("probes", "--watch", "--count", "2");
        assertEquals(0, c.exitCode(), c.err());
        assertEquals(2, c.out().lines().filter(l -> l.startsWith("--- ")).count(), c.out());
    }

    @Test
    void aRootThatIsNotADirectoryIsRefusedInOneLine(@TempDir Path tmp) {
        CliCapture c = CliCapture.run("probes", "--root", tmp.resolve("nope").toString());
        assertEquals(2, c.exitCode());
        assertEquals(1, c.err().strip().split("\n").length, c.err());
        assertTrue(c.err().contains("not a directory"), c.err());
    }

    @Test
    void aProbeRateOutsideZeroToHundredIsRefusedBeforeAnythingIsWritten(@TempDir Path tmp) {
        Path out = tmp.resolve("b");
        CliCapture c = CliCapture.run("run", "--probe-rate", "1000", "--out", out.toString());
        assertEquals(2, c.exitCode(), c.err());
        assertTrue(c.err().contains("--probe-rate 1000"), c.err());
        assertFalse(Files.exists(out));
    }
}
