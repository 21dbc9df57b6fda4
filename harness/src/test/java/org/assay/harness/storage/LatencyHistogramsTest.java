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
        h.setTag(name.replaceAll(".*-(job[0-9]+).*", "$1")); // as LatencyLog tags each job
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

        // per fork and iteration: the jobs summed (untagged, HistogramLogProcessor's default), then each job
        HistogramLogReader r = new HistogramLogReader(bundle.toFile());
        Histogram sum111 = (Histogram) r.nextIntervalHistogram();
        Histogram job111 = (Histogram) r.nextIntervalHistogram();
        Histogram sum222 = (Histogram) r.nextIntervalHistogram();
        Histogram job222 = (Histogram) r.nextIntervalHistogram();
        assertNull(r.nextIntervalHistogram());
        assertNull(sum111.getTag());
        assertEquals("pid111.job0", job111.getTag());
        assertNull(sum222.getTag());
        assertEquals("pid222.job0", job222.getTag());
        assertEquals(99, sum111.getTotalCount());
        assertEquals(1, job222.getTotalCount());
    }

    @Test
    void twoJobsOfOneForkSumPerIteration() throws Exception {
        Path forks = tmp.resolve("hist2");
        forkLog(forks, "333-job0.hlog", 1000, 2000);
        forkLog(forks, "333-job1.hlog", 3000);
        Path bundle = tmp.resolve("two.hlog");
        assertEquals(3, LatencyHistograms.merge(forks, bundle).getTotalCount(), "each op counted once");
        HistogramLogReader r = new HistogramLogReader(bundle.toFile());
        Histogram sum = (Histogram) r.nextIntervalHistogram();
        assertNull(sum.getTag());
        assertEquals(3, sum.getTotalCount());
        assertEquals("pid333.job0", r.nextIntervalHistogram().getTag());
        assertEquals("pid333.job1", r.nextIntervalHistogram().getTag());
        assertNull(r.nextIntervalHistogram());
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
