package org.assay.harness;

import com.fasterxml.jackson.databind.JsonNode;
import org.assay.results.BundleFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The point of the import: a fio run and an Assay storage run of the same job side by side. The
 * fio file (randread, 4 KiB, iodepth 32, libaio, direct, 64 MiB in /tmp) and the Assay bundle
 * (storage.randread at blockSize 4096, queueDepth 32, fileBytes 67108864, in /tmp) are real runs
 * on one machine, kept as test data.
 */
class ImportCompareTest {

    static final String ROW = "storage.randread[blockSize=4096,fileBytes=67108864,pattern=RAND_READ,"
            + "preconditionPasses=0,queueDepth=32,threads=1]";

    @TempDir
    Path tmp;

    @Test
    void importedFioAndAnAssayStorageRunShareTheRandreadRow() throws Exception {
        Path fio = tmp.resolve("fio-import");
        assertEquals(0, CliCapture.run("import", ImportFixtures.path(ImportFixtures.FIO).toString(), "--out", fio.toString())
                .exitCode());
        Path assay = ImportFixtures.path(ImportFixtures.ASSAY_STORAGE);

        CliCapture text = CliCapture.run("compare", assay.toString(), fio.toString());
        assertEquals(0, text.exitCode(), text.err());
        List<String> lines = Arrays.asList(text.out().split("\n"));
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(ROW)) {
                at = i;
            }
        }
        assertTrue(at >= 0, "the randread row: " + text.out());
        assertTrue(lines.get(at).contains(ImportFixtures.ASSAY_STORAGE) && lines.get(at).contains("IOPS"), lines.get(at));
        assertTrue(lines.get(at + 1).contains("fio-import"), "the fio figure on the row below: " + text.out());

        CliCapture json = CliCapture.run("compare", assay.toString(), fio.toString(), "--json");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode row = null;
        for (JsonNode m : BundleFormat.mapper().readTree(json.out()).path("metrics")) {
            if (m.path("id").path("metric").asText().equals("storage.randread")
                    && m.path("id").path("params").asText().equals(ROW.substring(ROW.indexOf('[') + 1, ROW.indexOf(",threads")))) {
                row = m;
            }
        }
        assertTrue(row != null, json.out());
        // each column's mean: the Assay run's iterations, and fio's own figure (one value, no spread)
        assertEquals(ImportCliTest.ASSAY_RANDREAD_MEAN, row.path("estimates").path(ImportFixtures.ASSAY_STORAGE).path("mean").asDouble(), 1e-6);
        assertEquals(ImportCliTest.FIO_IOPS, row.path("estimates").path("fio-import").path("mean").asDouble(), 1e-6);
        assertEquals(1, row.path("estimates").path("fio-import").path("n").asInt());
    }

    @Test
    void theReportShowsBothRuns() throws Exception {
        Path fio = tmp.resolve("fio-import");
        assertEquals(0, CliCapture.run("import", ImportFixtures.path(ImportFixtures.FIO).toString(), "--out", fio.toString())
                .exitCode());
        Path md = tmp.resolve("report.md");
        CliCapture c = CliCapture.run("report", ImportFixtures.path(ImportFixtures.ASSAY_STORAGE).toString(), fio.toString(),
                "--out", md.toString());
        assertEquals(0, c.exitCode(), c.err());
        String page = Files.readString(md);
        assertTrue(page.contains("fio-import") && page.contains(ImportFixtures.ASSAY_STORAGE), page);
        assertTrue(page.contains("storage.randread"), page);
    }
}
