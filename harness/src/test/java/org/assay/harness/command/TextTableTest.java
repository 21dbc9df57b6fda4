package org.assay.harness.command;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class TextTableTest {

    private static final String LONG_ID = "memory.pressure.firstTouch.with.a.sixty.character.long.id.xx";

    @Test
    void rowsWithASixtyCharacterIdStayAligned() {
        assertEquals(60, LONG_ID.length());
        String[][] rows = {
                {"metric", "params", "threads", "score", "unit", "status"},
                {"cpu.fft", "n=4096", "1", "1.234", "GFLOP/s", "ok"},
                {LONG_ID, "regionBytes=536870912 thp=huge", "12", "9.587", "GB/s", "ok"},
                {"memory.numa.latency", "cpu=0 cpuNode=0 memNode=0", "128", "228.6e+09", "ns", "failed: exit 1"},
        };
        TextTable t = new TextTable("  ").alignRight(2, 3);
        for (String[] r : rows) {
            t.row((Object[]) r);
        }
        List<String> lines = t.lines();
        assertEquals(rows.length, lines.size());
        for (int col = 0; col < rows[0].length; col++) {
            boolean right = col == 2 || col == 3;
            Integer edge = null;
            for (int i = 0; i < rows.length; i++) {
                int at = cellStart(lines.get(i), rows[i], col);
                int offset = right ? at + rows[i][col].length() : at;
                if (edge == null) {
                    edge = offset;
                }
                assertEquals(edge, offset, "column " + col + " on line " + i + ":\n" + String.join("\n", lines));
            }
        }
        lines.forEach(l -> assertFalse(l.endsWith(" "), "no trailing blanks: '" + l + "'"));
        assertEquals("  metric", lines.get(0).substring(0, 8), "the indent comes first");
    }

    /** Where cell {@code col} of a line starts, found by walking past the cells before it. */
    private static int cellStart(String line, String[] cells, int col) {
        int at = 0;
        for (int c = 0; c <= col; c++) {
            at = line.indexOf(cells[c], c == 0 ? 0 : at);
            if (c < col) {
                at += cells[c].length();
            }
        }
        return at;
    }

    @Test
    void aColumnIsAsWideAsItsWidestCellPlusTheGap() {
        List<String> lines = new TextTable("").row("a", "x").row("abcd", "y").lines();
        assertEquals(List.of("a     x", "abcd  y"), lines);
    }
}
