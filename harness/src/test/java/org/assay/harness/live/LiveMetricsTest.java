package org.assay.harness.live;

import org.assay.analysis.openmetrics.MetricSample;
import org.assay.analysis.openmetrics.MetricType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveMetricsTest {

    @Test
    void theLatestValueOfEachLabelSetWithTheUnitInTheName() {
        LiveMetrics m = new LiveMetrics();
        m.gauge("assay_elapsed", "Elapsed.", "seconds", Map.of("host", "a"), 1);
        m.gauge("assay_elapsed_seconds", "Elapsed.", "seconds", Map.of("host", "a"), 2);
        m.gauge("assay_elapsed", "Elapsed.", "seconds", Map.of("host", "b"), 5);
        m.counter("assay_done", "Done.", "", Map.of(), 4);
        List<MetricSample> s = m.snapshot();
        assertEquals(3, s.size(), s.toString());
        assertEquals("assay_elapsed_seconds", s.get(0).family());
        assertEquals(2, s.get(0).value(), "the second call replaced the first: same family and labels");
        assertEquals(5, s.get(1).value());
        assertEquals(MetricType.counter, s.get(2).type());
        assertThrows(UnsupportedOperationException.class, () -> s.add(s.get(0)), "the snapshot is immutable");
        m.gauge("assay_elapsed", "Elapsed.", "seconds", Map.of("host", "a"), 3);
        assertEquals(2, s.get(0).value(), "and does not change afterwards");
    }

    @Test
    void aFamilyKeepsItsTypeAndUnitAndACounterNeverGoesDown() {
        LiveMetrics m = new LiveMetrics();
        m.counter("assay_done", "Done.", "", Map.of(), 4);
        assertThrows(IllegalArgumentException.class, () -> m.gauge("assay_done", "", "", Map.of("x", "1"), 1));
        assertThrows(IllegalArgumentException.class, () -> m.counter("assay_done", "", "", Map.of(), 3));
        assertThrows(IllegalArgumentException.class, () -> m.counter("assay_done", "", "", Map.of(), Double.NaN));
        m.gauge("assay_t_seconds", "", "seconds", Map.of(), 1);
        assertThrows(IllegalArgumentException.class, () -> m.gauge("assay_t_seconds", "", "", Map.of("a", "b"), 1));
        assertEquals(4, m.snapshot().get(0).value(), "refused calls changed nothing");
    }

    @Test
    void replaceLeavesOneSampleInItsFamily() {
        LiveMetrics m = new LiveMetrics();
        m.replace("assay_running", "", "", Map.of("invocation", "a"), 1);
        m.replace("assay_running", "", "", Map.of("invocation", "b"), 1);
        List<MetricSample> s = m.snapshot();
        assertEquals(1, s.size());
        assertEquals(Map.of("invocation", "b"), s.get(0).labels());
        m.remove("assay_running");
        assertTrue(m.snapshot().isEmpty());
    }

    @Test
    void aSnapshotTakenDuringUpdatesIsNeverHalfAReplace() throws InterruptedException {
        LiveMetrics m = new LiveMetrics();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                for (int i = 0; !stop.get(); i++) {
                    m.replace("assay_running", "", "", Map.of("invocation", id + "-" + i), 1);
                    m.counter("assay_done", "", "", Map.of("writer", Integer.toString(id)), i);
                }
            });
            w.start();
            writers.add(w);
        }
        double[] last = new double[2];
        for (int i = 0; i < 2000; i++) {
            List<MetricSample> s = m.snapshot();
            assertTrue(s.stream().filter(x -> x.family().equals("assay_running")).count() <= 1, s.toString());
            for (MetricSample x : s) {
                if (x.family().equals("assay_done")) {
                    int w = Integer.parseInt(x.labels().get("writer"));
                    assertTrue(x.value() >= last[w], "a counter read never goes down");
                    last[w] = x.value();
                }
            }
        }
        // on a loaded machine the reads can end before a writer was scheduled: read on until one was seen
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (last[0] <= 0 && last[1] <= 0 && System.nanoTime() < deadline) {
            for (MetricSample x : m.snapshot()) {
                if (x.family().equals("assay_done")) {
                    int w = Integer.parseInt(x.labels().get("writer"));
                    assertTrue(x.value() >= last[w], "a counter read never goes down");
                    last[w] = x.value();
                }
            }
        }
        stop.set(true);
        for (Thread w : writers) {
            w.join();
        }
        assertTrue(last[0] > 0 || last[1] > 0, "the writers really ran during the reads");
    }
}
