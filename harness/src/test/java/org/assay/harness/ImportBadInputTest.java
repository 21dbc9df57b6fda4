package org.assay.harness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code assay import} refusals: one line on stderr, exit status 2, no bundle directory left behind. */
class ImportBadInputTest {

    @TempDir
    Path tmp;

    private void refused(String expectedStart, String... args) {
        Path out = tmp.resolve("bundle");
        String[] all = new String[args.length + 3];
        all[0] = "import";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--out";
        all[args.length + 2] = out.toString();
        CliCapture c = CliCapture.run(all);
        assertEquals(2, c.exitCode(), c.out() + c.err());
        String err = c.err().strip();
        assertFalse(err.contains("\n"), "one line: " + err);
        assertTrue(err.startsWith("assay import: " + expectedStart), err);
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void truncatedJsonIsRefused() throws Exception {
        String fio = Files.readString(ImportFixtures.path(ImportFixtures.FIO));
        Path cut = Files.writeString(tmp.resolve("cut.json"), fio.substring(0, fio.length() / 2));
        refused(cut + " is not valid JSON (line ", cut.toString());
    }

    @Test
    void fioWithoutJobsIsRefused() throws Exception {
        String fio = Files.readString(ImportFixtures.path(ImportFixtures.FIO));
        int at = fio.indexOf("\"jobs\"");
        int end = fio.indexOf("\"disk_util\"");
        assertTrue(at > 0 && end > at, "the fixture has jobs and disk_util");
        Path none = Files.writeString(tmp.resolve("nojobs.json"), fio.substring(0, at) + "\"jobs\" : [],\n  " + fio.substring(end));
        refused(none + ": fio output with no jobs, nothing to import", none.toString());
    }

    @Test
    void iperf3ErrorOutputIsRefusedWithIperf3sReason() {
        Path f = ImportFixtures.path(ImportFixtures.IPERF3_ERROR);
        refused(f + ": iperf3 reported an error and measured nothing: unable to connect", f.toString());
    }

    @Test
    void jsonOfNoKnownToolIsRefused() throws Exception {
        Path f = Files.writeString(tmp.resolve("other.json"), "{\"hello\": [1, 2, 3]}\n");
        refused(f + " is not fio, iperf3 or JMH output: give the JSON that fio --output-format=json, iperf3 -J or JMH -rf json wrote",
                f.toString());
    }

    @Test
    void emptyAndMissingFilesAreRefused() throws Exception {
        Path empty = Files.writeString(tmp.resolve("empty.json"), "\n");
        refused(empty + " is empty", empty.toString());
        refused("no such file: " + tmp.resolve("nope.json"), tmp.resolve("nope.json").toString());
    }

    @Test
    void toolNamingAnotherFormatIsRefused() {
        Path f = ImportFixtures.path(ImportFixtures.FIO);
        refused(f + " is fio output, not jmh: give --tool fio or leave --tool out", f.toString(), "--tool", "jmh");
        refused("Invalid value for option '--tool'", f.toString(), "--tool", "sysbench");
    }

    @Test
    void aNonEmptyOutIsRefusedAndKept() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("full"));
        Path keep = Files.writeString(out.resolve("mine.txt"), "x");
        CliCapture c = CliCapture.run("import", ImportFixtures.path(ImportFixtures.FIO).toString(), "--out", out.toString());
        assertEquals(2, c.exitCode());
        assertTrue(c.err().strip().startsWith("assay import: --out " + out + ": directory is not empty"), c.err());
        assertEquals("x", Files.readString(keep));
    }
}
