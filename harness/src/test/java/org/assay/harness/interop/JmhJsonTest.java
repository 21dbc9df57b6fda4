package org.assay.harness.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JMH's file format written and read back, NaN as JMH spells it. */
class JmhJsonTest {

    @Test
    void writeThenReadGivesTheSameEntriesAndNaNIsTheString() throws Exception {
        Map<String, Double> pct = new LinkedHashMap<>();
        JmhJson.PERCENTILES.forEach(p -> pct.put(String.valueOf(p), 5.0));
        JmhJson.Metric m = new JmhJson.Metric(5.0, Double.NaN, List.of(Double.NaN, Double.NaN), pct, "ops/s",
                List.of(List.of(5.0)));
        JmhJson.Entry e = new JmhJson.Entry("1.37", "a.B.c", "thrpt", 1, 1, "/usr/bin/java", List.of("-Xmx1g"), "17",
                "VM", "17+1", 1, "1 s", 1, 1, "1 s", 1, Map.of("n", "64"), m, Map.of("x", m));
        byte[] bytes = JmhJson.write(List.of(e));
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("\"scoreError\" : \"NaN\""), text);
        assertTrue(text.startsWith("[ {\n    \"jmhVersion\" : \"1.37\"") || text.startsWith("[\n    {"), text);
        JsonNode tree = new ObjectMapper().readTree(bytes);
        List<JmhJson.Entry> back = JmhJson.read(tree, "f");
        assertEquals(1, back.size());
        JmhJson.Entry b = back.get(0);
        assertEquals(e.benchmark(), b.benchmark());
        assertEquals(e.params(), b.params());
        assertTrue(Double.isNaN(b.primaryMetric().scoreError()));
        assertEquals(List.of(List.of(5.0)), b.primaryMetric().rawData());
        assertEquals(e.secondaryMetrics().keySet(), b.secondaryMetrics().keySet());
    }

    @Test
    void anEntryWithoutAPrimaryMetricIsRefused() throws Exception {
        JsonNode tree = new ObjectMapper().readTree("[{\"benchmark\": \"a.b\", \"mode\": \"thrpt\"}]");
        ImportException e = org.junit.jupiter.api.Assertions.assertThrows(ImportException.class, () -> JmhJson.read(tree, "f"));
        assertTrue(e.getMessage().startsWith("f: JMH entry 0 lacks benchmark, mode or primaryMetric"), e.getMessage());
    }
}
