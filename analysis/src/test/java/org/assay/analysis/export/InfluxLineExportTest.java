package org.assay.analysis.export;

import org.assay.results.BundleReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InfluxLineExportTest {

    @TempDir
    Path tmp;

    private List<String> lines() throws IOException {
        String text = new InfluxLineExport().render(BundleReader.read(ExportFixtures.bundle(tmp.resolve("b"))));
        assertTrue(text.endsWith("\n"));
        return List.of(text.split("\n"));
    }

    @Test
    void onePointPerResultInItsCategoryWithEscapedTagsAndNanosecondTime() throws IOException {
        String triad = lines().get(0);
        assertEquals("assay_memory,host=bench-01,instance_type=Standard\\ PC\\ (Q35\\ +\\ ICH9\\,\\ 2009),"
                + "invocation=memory.bandwidth.triad[threads\\=2],metric=memory.bandwidth.triad,"
                + "param_layout=inter\\ leaved\\,\\ \"x\",param_working_set_bytes=4294967296,suite=quick,threads=2,"
                + "unit=GB/s,workload=memory.bandwidth.triad "
                + "score=18.25,score_error=0.5,ci_low=17.75,ci_high=18.75,samples=3i,higher_is_better=true,status=\"ok\" "
                + Instant.parse(ExportFixtures.TRIAD_END).getEpochSecond() + "500000000", triad);
    }

    @Test
    void secondaryFiguresArePointsWithTheirOwnUnitAndAbsentNumbersAreLeftOut() throws IOException {
        List<String> lines = lines();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("assay_memory,") && l.contains(",secondary=host.steal,")
                && l.contains(",unit=%,") && l.contains(" value=0.4 ")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains(",secondary=temperature.max,") && l.contains(",unit=°C,")));
        assertTrue(lines.stream().noneMatch(l -> l.contains("secondary=ipc")), "no reading, no point");
        String failed = lines.stream().filter(l -> l.contains("threads=4")).findFirst().orElseThrow();
        assertTrue(failed.contains(" samples=0i,higher_is_better=true,status=\"failed\","
                + "reason=\"fork exited with status 137 (killed: out of memory?)\" "), failed);
        assertTrue(!failed.contains("score="), "a failed result has no score field, not 0");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("assay_network,") && l.contains(",unit=transactions/s,")
                && l.contains(" score=41234.5,samples=1i,")), "no interval: no error or bounds fields");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("assay_cpu,")));
        assertEquals(5 + 3 + 1 + 1, lines.size(), "5 results, 3+1+1 secondary readings");
    }

    @Test
    void escapingFollowsTheLineProtocol() {
        assertEquals("a\\ b\\,c=d", InfluxLineExport.measurement("a b,c=d"));
        assertEquals("a\\ b\\,c\\=d\\\\", InfluxLineExport.key("a b,c=d\\"));
        assertEquals("\"say \\\"hi\\\" \\\\ bye\"", InfluxLineExport.string("say \"hi\" \\ bye"));
        assertEquals("1795342521500000001", InfluxLineExport.nanos(Instant.parse("2026-11-22T10:15:21.500000001Z")));
    }
}
