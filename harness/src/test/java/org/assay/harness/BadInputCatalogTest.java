package org.assay.harness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every row of docs/bad-input.md, run through the real CLI in-process: the documented exit
 * status, exactly one line on stderr matching the documented message, no stack trace anywhere,
 * and nothing written: the case's directory holds exactly what it held before (so an {@code --out}
 * was not created, a report not half-written, a bundle not touched).
 */
class BadInputCatalogTest {

    private static final Pattern TOKEN = Pattern.compile("\\{([a-z0-9-]+)}");

    @TempDir
    Path tmp;

    static Stream<BadInputCatalog.Row> rows() throws IOException {
        return BadInputCatalog.rows().stream();
    }

    @Test
    void theCatalogueHasAtLeastSixtyCasesEachWithAKnownFixture() throws IOException {
        List<BadInputCatalog.Row> rows = BadInputCatalog.rows();
        assertTrue(rows.size() >= 60, "docs/bad-input.md has " + rows.size() + " cases");
        for (BadInputCatalog.Row r : rows) {
            Matcher m = TOKEN.matcher(r.command() + " " + r.message());
            while (m.find()) {
                String name = m.group(1);
                assertTrue(name.equals("out") || name.equals("tmp") || BadInputFixtures.names().contains(name),
                        r + ": unknown fixture {" + name + "}");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachCaseIsOneLineItsExitStatusAndNothingWritten(BadInputCatalog.Row row) throws Exception {
        Path dir = tmp.toRealPath();
        Path out = dir.resolve("out");
        Map<String, String> paths = new TreeMap<>();
        paths.put("tmp", dir.toString());
        paths.put("out", out.toString());
        Matcher m = TOKEN.matcher(row.command() + " " + row.message());
        while (m.find()) {
            String name = m.group(1);
            if (!paths.containsKey(name)) {
                paths.put(name, BadInputFixtures.make(name, dir).toString());
            }
        }
        Map<String, String> before = snapshot(dir);
        List<String> args = new ArrayList<>();
        for (String a : row.args()) {
            args.add(resolve(a, paths));
        }

        CliCapture c = CliCapture.run(args.toArray(String[]::new));

        recordActual(row, c, paths);
        String context = row + "\n  args: " + args + "\n  stderr: " + c.err() + "\n  stdout: " + c.out();
        for (String stream : List.of(c.err(), c.out())) {
            assertFalse(stream.contains("\tat ") || stream.contains("Exception") || stream.contains("Caused by"),
                    "stack trace or exception name: " + context);
        }
        List<String> errLines = c.err().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, errLines.size(), "exactly one line on stderr: " + context);
        assertTrue(row.pattern(s -> resolve(s, paths)).matcher(errLines.get(0)).matches(),
                "stderr line differs from docs/bad-input.md line " + row.line() + "\n  expected: " + row.message()
                        + "\n  actual:   " + unresolve(errLines.get(0), paths) + "\n" + context);
        assertEquals(row.exit(), c.exitCode(), "exit status: " + context);
        assertFalse(Files.exists(out, LinkOption.NOFOLLOW_LINKS), "{out} was created: " + context);
        assertEquals(before, snapshot(dir), "files changed under the case's directory: " + context);
    }

    /**
     * With {@code -Dassay.badInput.actual=FILE}, each case's exit status and stderr (paths put back
     * as tokens) are appended to FILE: what a new row's message and exit columns should say,
     * after reading it for whether the line is clear.
     */
    private static void recordActual(BadInputCatalog.Row row, CliCapture c, Map<String, String> paths) throws IOException {
        String file = System.getProperty("assay.badInput.actual");
        if (file != null) {
            String err = unresolve(c.err().strip(), paths).replace("\n", " ⏎ ");
            Files.writeString(Path.of(file), row.id() + "\t" + c.exitCode() + "\t" + err + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
    }

    private static String resolve(String text, Map<String, String> paths) {
        Matcher m = TOKEN.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String p = paths.get(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(p != null ? p : m.group()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The actual line with the case's paths put back as tokens, ready to paste into the page. */
    private static String unresolve(String line, Map<String, String> paths) {
        String s = line;
        List<Map.Entry<String, String>> longestFirst = new ArrayList<>(paths.entrySet());
        longestFirst.sort((a, b) -> b.getValue().length() - a.getValue().length());
        for (Map.Entry<String, String> e : longestFirst) {
            s = s.replace(e.getValue(), "{" + e.getKey() + "}");
        }
        return s;
    }

    /** Every path under {@code dir} with its kind, and for a file its size and modification time. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> s = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                // A directory's own time changes when a probe file is created and removed in it
                // (checking that --out's parent is writable); only what it holds counts.
                String kind = Files.isSymbolicLink(p) ? "link" : Files.isDirectory(p) ? "dir" : "file";
                String state = kind.equals("file") ? Files.size(p) + " bytes, modified "
                        + Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis() : "";
                s.put(dir.relativize(p).toString(), kind + " " + state);
            }
        }
        return s;
    }
}
