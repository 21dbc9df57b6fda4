package org.assay.harness.execution;

import org.assay.results.SecondaryMetric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StealMeterTest {

    @TempDir
    Path root;

    private void procStat(String... lines) throws IOException {
        Files.createDirectories(root.resolve("proc"));
        Files.writeString(root.resolve("proc/stat"), String.join("\n", lines) + "\n");
    }

    @Test
    void stealIsTheInvocationsCpusNotTheMachines() throws IOException {
        // columns: user nice system idle iowait irq softirq steal
        procStat("cpu  100 0 0 100 0 0 0 0", "cpu0 50 0 0 50 0 0 0 0", "cpu1 50 0 0 50 0 0 0 0");
        StealMeter onCpu0 = new StealMeter(root, List.of(0));
        StealMeter machineWide = new StealMeter(root, List.of());
        // over the invocation: cpu0 ran the worker flat out, cpu1 lost half its time to another tenant
        procStat("cpu  300 0 0 100 0 0 0 100", "cpu0 150 0 0 50 0 0 0 0", "cpu1 150 0 0 50 0 0 0 100");
        Map<String, SecondaryMetric> own = onCpu0.finish();
        assertEquals(0.0, own.get("host.steal").score());
        assertEquals(100.0, own.get("host.cpu.busy").score());
        assertEquals(33.33, machineWide.finish().get("host.steal").score(), "the old machine-wide figure blames cpu0");
    }
}
