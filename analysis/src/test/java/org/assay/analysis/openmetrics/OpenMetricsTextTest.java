package org.assay.analysis.openmetrics;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenMetricsTextTest {

    private static final Instant T = Instant.parse("2026-11-22T10:15:21.500Z");

    @Test
    void openMetricsHasTypeUnitHelpCounterSuffixSecondsTimestampsAndEof() {
        Map<String, String> tricky = new LinkedHashMap<>();
        tricky.put("host", "a\"b\\c\nd");
        tricky.put("workload", "memory.bandwidth.triad");
        String text = OpenMetricsText.openMetrics(List.of(
                new MetricSample("assay_triad_bytes_per_second", MetricType.gauge, "Triad \"bandwidth\"\nper run",
                        "bytes_per_second", tricky, 1.825e10, T),
                new MetricSample("assay_done", MetricType.counter, "Done.", "", Map.of(), 3, null),
                new MetricSample("assay_triad_bytes_per_second", MetricType.gauge, "", "bytes_per_second",
                        Map.of("host", "b"), Double.NaN, null)));
        assertEquals("""
                # TYPE assay_triad_bytes_per_second gauge
                # UNIT assay_triad_bytes_per_second bytes_per_second
                # HELP assay_triad_bytes_per_second Triad \\"bandwidth\\"\\nper run
                assay_triad_bytes_per_second{host="a\\"b\\\\c\\nd",workload="memory.bandwidth.triad"} 18250000000 1795342521.500
                assay_triad_bytes_per_second{host="b"} NaN
                # TYPE assay_done counter
                # HELP assay_done Done.
                assay_done_total 3
                # EOF
                """, text);
        OpenMetricsParser.Parsed parsed = OpenMetricsParser.parse(text);
        OpenMetricsParser.Sample s = parsed.sample("assay_triad_bytes_per_second", Map.of("workload", "memory.bandwidth.triad"));
        assertEquals("a\"b\\c\nd", s.labels().get("host"), "label value escaped and read back");
        assertEquals(1.825e10, s.value());
        assertEquals(T.toEpochMilli() / 1000.0, s.timestamp());
        assertEquals("Triad \"bandwidth\"\nper run", parsed.families().get("assay_triad_bytes_per_second").help());
        assertEquals("counter", parsed.families().get("assay_done").type());
    }

    @Test
    void prometheusTextNamesCountersWithTotalHasNoUnitLineAndMillisecondTimestamps() {
        String text = OpenMetricsText.prometheusText(List.of(
                new MetricSample("assay_x_seconds", MetricType.gauge, "Say \"x\"\\y", "seconds",
                        Map.of("l", "v\"1"), 1.5e-9, T),
                new MetricSample("assay_done", MetricType.counter, "", "", Map.of(), 2, null)));
        assertEquals("""
                # HELP assay_x_seconds Say "x"\\\\y
                # TYPE assay_x_seconds gauge
                assay_x_seconds{l="v\\"1"} 1.5E-9 1795342521500
                # TYPE assay_done_total counter
                assay_done_total 2
                """, text);
    }

    @Test
    void aFamilyIsOneTypeAndUnitAndEachLabelSetOnce() {
        MetricSample g = new MetricSample("a_seconds", MetricType.gauge, "", "seconds", Map.of(), 1, null);
        assertThrows(IllegalArgumentException.class, () -> OpenMetricsText.openMetrics(List.of(g,
                new MetricSample("a_seconds", MetricType.counter, "", "seconds", Map.of("x", "1"), 1, null))));
        assertThrows(IllegalArgumentException.class, () -> OpenMetricsText.openMetrics(List.of(g, g)));
    }

    @Test
    void namesAndUnitsAreCheckedWhereTheSampleIsMade() {
        assertThrows(IllegalArgumentException.class,
                () -> new MetricSample("a", MetricType.gauge, "", "seconds", Map.of(), 1, null), "unit not in the name");
        assertThrows(IllegalArgumentException.class,
                () -> new MetricSample("a_total", MetricType.counter, "", "", Map.of(), 1, null));
        assertThrows(IllegalArgumentException.class,
                () -> new MetricSample("9a", MetricType.gauge, "", "", Map.of(), 1, null));
        assertThrows(IllegalArgumentException.class,
                () -> new MetricSample("a", MetricType.gauge, "", "", Map.of("__name__", "x"), 1, null));
        assertThrows(IllegalArgumentException.class,
                () -> new MetricSample("a", MetricType.gauge, "", "", Map.of("a-b", "x"), 1, null));
    }

    @Test
    void numbersAreWrittenSoTheyReadBackExactly() {
        for (double v : new double[]{0, 3, -7, 1.825e10, 1.2345678901234567e-9, 0.1, 1e300}) {
            assertEquals(v, Double.parseDouble(OpenMetricsText.number(v)), OpenMetricsText.number(v));
        }
        assertEquals("+Inf", OpenMetricsText.number(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", OpenMetricsText.number(Double.NEGATIVE_INFINITY));
        assertEquals("42", OpenMetricsText.number(42.0));
        assertTrue(OpenMetricsText.number(1e20).contains("E"), "no 20-digit integer");
    }
}
