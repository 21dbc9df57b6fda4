package org.assay.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rows of {@code docs/bad-input.md}: the page is the test data, so the documented message
 * and exit status of each case cannot drift from what the CLI does. A row is
 * {@code | id | input | `command` | `message` | exit |}; in command and message {@code {out}},
 * {@code {tmp}} and {@code {fixture-name}} stand for paths the test makes, and in the message
 * {@code …} stands for text that depends on the machine (its CPU list, a library's wording).
 */
final class BadInputCatalog {

    static final Path DOC = Path.of("..", "docs", "bad-input.md");
    static final String HEADER = "| id | input | command | message (the one line on stderr) | exit |";

    record Row(String id, String input, String command, String message, int exit, int line) {
        @Override
        public String toString() {
            return id + " " + input;
        }

        /** The command's arguments after {@code assay}, split as a shell would split simple words ('' is empty). */
        List<String> args() {
            List<String> words = new ArrayList<>();
            StringBuilder w = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            for (char c : command.toCharArray()) {
                if (c == '\'') {
                    quoted = !quoted;
                    any = true;
                } else if (c == ' ' && !quoted) {
                    if (any) {
                        words.add(w.toString());
                    }
                    w.setLength(0);
                    any = false;
                } else {
                    w.append(c);
                    any = true;
                }
            }
            if (any) {
                words.add(w.toString());
            }
            if (words.isEmpty() || !words.get(0).equals("assay")) {
                throw new IllegalArgumentException("line " + line + ": a command starts with 'assay': " + command);
            }
            return words.subList(1, words.size());
        }

        /** The message as a pattern over the whole stderr line, tokens replaced by {@code resolve}. */
        Pattern pattern(java.util.function.UnaryOperator<String> resolve) {
            StringBuilder regex = new StringBuilder();
            for (String part : message.split("…", -1)) {
                if (regex.length() > 0) {
                    regex.append(".*");
                }
                regex.append(Pattern.quote(resolve.apply(part)));
            }
            return Pattern.compile(regex.toString(), Pattern.DOTALL);
        }
    }

    private BadInputCatalog() {
    }

    static List<Row> rows() throws IOException {
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        List<Row> rows = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        boolean inTable = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.equals(HEADER)) {
                inTable = true;
                i++;            // the |---| row
                continue;
            }
            if (!line.startsWith("|")) {
                inTable = false;
                continue;
            }
            if (!inTable) {
                continue;
            }
            List<String> cells = cells(line);
            if (cells.size() != 5) {
                throw new IllegalArgumentException(DOC + " line " + (i + 1) + ": expected 5 cells, got " + cells.size());
            }
            Row row = new Row(cells.get(0), cells.get(1), code(cells.get(2), i), code(cells.get(3), i),
                    Integer.parseInt(cells.get(4)), i + 1);
            if (!ids.add(row.id())) {
                throw new IllegalArgumentException(DOC + " line " + (i + 1) + ": id " + row.id() + " is used twice");
            }
            rows.add(row);
        }
        return rows;
    }

    /** The cells of a table row: split on '|' that is not escaped, each stripped, '\|' unescaped. */
    static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        return cells;
    }

    private static String code(String cell, int line) {
        if (cell.length() < 2 || !cell.startsWith("`") || !cell.endsWith("`")) {
            throw new IllegalArgumentException(DOC + " line " + (line + 1) + ": command and message are `code`: " + cell);
        }
        return cell.substring(1, cell.length() - 1);
    }
}
