package org.assay.harness.storage;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;
import org.assay.results.SecondaryMetric;
import org.assay.workloads.fork.StorageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyHistogramsTest {

    @TempDir
    Path tmp;

    private void forkLog(Path dir, String name, long... latenciesNs) throws Exception {
        Files.createDirectories(dir);
        HistogramLogWriter w = new HistogramLogWriter(dir.resolve(name).toFile());
        w.outputStartTime(1000);
        w.setBaseTime(1000);
        Histogram h = new Histogram(3);
        for (long v : latenciesNs) {
            h.recordValue(v);
        }
        h.setStartTimeStamp(1000);
        h.setEndTimeStamp(1500);
        h.setTag("job0");
        w.outputIntervalHistogram(h);
        w.close();
    }

    @Test
    void forkLogsMergeIntoOneTaggedLogAndPercentilesOverAll() throws Exception {
        Path forks = tmp.resolve("hist");
        long[] a = new long[99];
        java.util.Arrays.fill(a, 100_000); // 100 µs
        forkLog(forks, "111-job0.hlog", a);
        forkLog(forks, "222-job0.hlog", 10_000_000); // one 10 ms outlier in another fork
        Path bundle = tmp.resolve("out.hlog");
        Histogram total = LatencyHistograms.merge(forks, bundle);
        assertEquals(100, total.getTotalCount());
        Map<String, SecondaryMetric> p = LatencyHistograms.percentiles(total);
        assertEquals(100.0, p.get("storage.latency.p50").score(), 0.1);
        assertEquals(100.0, p.get("storage.latency.p99").score(), 0.1);
        assertEquals(10_000, p.get("storage.latency.p99.9").score(), 10);
        assertEquals(10_000, p.get("storage.latency.max").score(), 10);
        assertEquals("µs", p.get("storage.latency.p99.99").unit());

        HistogramLogReader r = new HistogramLogReader(bundle.toFile());
        Histogram first = (Histogram) r.nextIntervalHistogram();
        Histogram second = (Histogram) r.nextIntervalHistogram();
        assertNull(r.nextIntervalHistogram());
        assertEquals("pid111.job0", first.getTag());
        assertEquals("pid222.job0", second.getTag());
        assertEquals(99, first.getTotalCount());
    }

    @Test
    void noLogsGiveNoHistogramAndNoFile() throws Exception {
        Path bundle = tmp.resolve("none.hlog");
        assertNull(LatencyHistograms.merge(tmp.resolve("absent"), bundle));
        assertFalse(Files.exists(bundle));
    }

    @Test
    void aLeftoverOfADeadRunIsRemovableAndOneOfALiveRunIsNot() throws Exception {
        Path dead = Files.createFile(StorageFiles.file(tmp, "999999999-1", "x"));
        Path live = Files.createFile(StorageFiles.file(tmp, ProcessHandle.current().parent().orElseThrow().pid() + "-1", "x"));
        assertTrue(StorageRun.ownerGone(dead));
        assertFalse(StorageRun.ownerGone(live), "a run still going keeps its files");
    }
}
