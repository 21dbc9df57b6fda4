package org.assay.harness.command;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A terminal table whose columns are as wide as their widest cell, so a long id shifts a whole
 * column instead of the rest of its own line. Columns are separated by two spaces; the last
 * column is not padded, so no line ends in blanks.
 */
final class TextTable {

    private static final String GAP = "  ";

    private final String indent;
    private final List<String[]> rows = new ArrayList<>();
    private boolean[] rightAligned = new boolean[0];

    /** @param indent printed before every line, e.g. two spaces under a heading */
    TextTable(String indent) {
        this.indent = indent;
    }

    /** Right-aligns the given columns (numbers), counted from 0. */
    TextTable alignRight(int... columns) {
        for (int c : columns) {
            if (c >= rightAligned.length) {
                rightAligned = Arrays.copyOf(rightAligned, c + 1);
            }
            rightAligned[c] = true;
        }
        return this;
    }

    /** Adds a line; a null cell prints as nothing. The header, if any, is simply the first row. */
    TextTable row(Object... cells) {
        String[] r = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            r[i] = cells[i] == null ? "" : cells[i].toString();
        }
        rows.add(r);
        return this;
    }

    List<String> lines() {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        List<String> lines = new ArrayList<>(rows.size());
        for (String[] r : rows) {
            StringBuilder b = new StringBuilder(indent);
            for (int i = 0; i < r.length; i++) {
                if (i > 0) {
                    b.append(GAP);
                }
                boolean last = i == r.length - 1;
                String pad = " ".repeat(width[i] - r[i].length());
                if (i < rightAligned.length && rightAligned[i]) {
                    b.append(pad).append(r[i]);
                } else {
                    b.append(r[i]).append(last ? "" : pad);
                }
            }
            lines.add(b.toString());
        }
        return lines;
    }

    void print(PrintWriter out) {
        lines().forEach(out::println);
    }
}
