package org.assay.analysis.export;

import org.assay.results.BundleReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvExportTest {

    @TempDir
    Path tmp;

    /** RFC 4180, strictly: quoted cells may hold commas, quotes (doubled) and line breaks. */
    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                assertEquals(0, cell.length(), "a quote only opens a cell");
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        assertTrue(row.isEmpty() && cell.length() == 0, "ends with a line break");
        return rows;
    }

    static List<Map<String, String>> records(String text) {
        List<List<String>> rows = parse(text);
        List<String> header = rows.get(0);
        List<Map<String, String>> out = new ArrayList<>();
        for (List<String> r : rows.subList(1, rows.size())) {
            assertEquals(header.size(), r.size(), "every row has every column: " + r);
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                m.put(header.get(i), r.get(i));
            }
            out.add(m);
        }
        return out;
    }

    @Test
    void oneRowPerFigureWithItsUnitAndAColumnPerParameter() throws IOException {
        String text = new CsvExport().render(BundleReader.read(ExportFixtures.bundle(tmp.resolve("b"))));
        List<List<String>> rows = parse(text);
        assertEquals(CsvExport.COLUMNS, rows.get(0).subList(0, CsvExport.COLUMNS.size()));
        assertEquals(List.of("param.layout", "param.limit", "param.workingSetBytes"),
                rows.get(0).subList(CsvExport.COLUMNS.size(), rows.get(0).size()));
        List<Map<String, String>> recs = records(text);
        assertEquals(5 + 4 + 1 + 1, recs.size(), "5 scores and 6 secondary figures (one without a reading)");
        Map<String, String> triad = recs.get(0);
        assertEquals("score", triad.get("figure"));
        assertEquals("18.25", triad.get("value"));
        assertEquals("GB/s", triad.get("unit"));
        assertEquals("17.75", triad.get("ci_low"));
        assertEquals(ExportFixtures.INSTANCE_TYPE, triad.get("instance_type"));
        assertEquals("inter leaved, \"x\"", triad.get("param.layout"));
        assertEquals("", triad.get("param.limit"), "a parameter the result does not have is empty");
        assertEquals("memory", triad.get("category"));
        Map<String, String> ipc = recs.stream().filter(r -> r.get("figure").equals("ipc")).findFirst().orElseThrow();
        assertEquals("", ipc.get("value"), "no reading is an empty cell, never 0");
        assertEquals("insn/cycle", ipc.get("unit"));
        Map<String, String> failed = recs.stream().filter(r -> r.get("status").equals("failed")).findFirst().orElseThrow();
        assertEquals("", failed.get("value"));
        assertEquals("fork exited with status 137\n(killed: out of memory?)", failed.get("reason"), "kept whole, quoted");
    }
}
