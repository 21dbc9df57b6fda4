package org.assay.harness.export;

import org.assay.analysis.export.CsvExport;
import org.assay.analysis.export.ExportFormat;
import org.assay.analysis.export.InfluxLineExport;
import org.assay.analysis.export.OpenMetricsExport;

import org.assay.harness.UsageException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PushTargetTest {

    private static final ExportFormat OM = new OpenMetricsExport();
    private static final ExportFormat INFLUX = new InfluxLineExport();

    @Test
    void aPushgatewayBaseUrlBecomesTheHostsGroup() {
        PushTarget t = PushTarget.of("http://127.0.0.1:9091", OM, "bench-01");
        assertEquals("http://127.0.0.1:9091/metrics/job/assay/instance/bench-01", t.uri().toString());
        assertEquals("PUT", t.method());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", t.contentType());
        assertEquals("http://gw:9091/metrics/job/nightly/rack/r1", PushTarget.of("http://gw:9091/metrics/job/nightly/rack/r1",
                OM, "x").uri().toString(), "a named group is kept");
        assertEquals("http://gw:9091/metrics/job/assay/instance@base64/YSBiL2M=",
                PushTarget.of("http://gw:9091/", OM, "a b/c").uri().toString(), "the Pushgateway's encoding of odd values");
    }

    @Test
    void anInfluxWriteUrlGetsNanosecondPrecision() {
        PushTarget t = PushTarget.of("http://127.0.0.1:8086/write?db=assay", INFLUX, "h");
        assertEquals("http://127.0.0.1:8086/write?db=assay&precision=ns", t.uri().toString());
        assertEquals("POST", t.method());
        assertEquals("http://h:8086/write?precision=ns&db=x",
                PushTarget.of("http://h:8086/write?precision=ns&db=x", INFLUX, "h").uri().toString());
    }

    private static String refused(String url, ExportFormat f) {
        return assertThrows(UsageException.class, () -> PushTarget.of(url, f, "h")).getMessage();
    }

    @Test
    void badUrlsAreRefusedSayingWhatWouldBeRight() {
        assertEquals("--push ftp://x/: not an http:// or https:// URL", refused("ftp://x/", OM));
        assertTrue(refused("http://", OM).startsWith("--push http://: "), refused("http://", OM));
        assertEquals("--push localhost:9091: not an http:// or https:// URL", refused("localhost:9091", OM));
        assertTrue(refused("http://h:9091/metrics", OM).contains("http://HOST:9091/metrics/job/NAME"));
        assertTrue(refused("http://h:8086/write", INFLUX).contains("http://HOST:8086/write?db=NAME"));
        assertTrue(refused("http://h:8086/query?db=x", INFLUX).contains("not an InfluxDB 1.x write endpoint"));
        assertTrue(refused("http://h:8086/write?db=x&precision=s", INFLUX).contains("use precision=ns"));
        assertTrue(refused("http://h x/", OM).contains("not a URL"));
        assertTrue(refused("http://h:9091", new CsvExport()).contains("--format csv cannot be pushed"));
        assertEquals("--push http://gw:9091/metrics/job/assay/host/x: group label 'host' would replace the label of that "
                + "name on every figure; name the group with other labels (e.g. /metrics/job/NAME/site/VALUE)",
                refused("http://gw:9091/metrics/job/assay/host/x", OM));
        assertTrue(refused("http://gw:9091/metrics/job/a/param_n@base64/eA==", OM).contains("group label 'param_n'"));
    }
}
