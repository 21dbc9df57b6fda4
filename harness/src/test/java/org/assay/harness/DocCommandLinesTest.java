package org.assay.harness;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code assay ...} command written in the fleet and CI docs and in the Kubernetes Job is
 * one Assay's own parser accepts: a renamed or removed option, a missing required option or a
 * value of the wrong type breaks this test instead of a reader's pipeline.
 */
class DocCommandLinesTest {

    private static final Path REPO = Path.of("").toAbsolutePath().getParent();

    /**
     * Commands the docs use that this build does not have (none now); their lines are skipped, and
     * {@link #allowListedCommandsAreStillMissing} fails once one exists, so the entry is removed.
     */
    static final Map<String, String> NOT_YET_IN_THIS_BUILD = Map.of();

    /** The files whose commands are checked. */
    static final List<Path> SOURCES = List.of(
            REPO.resolve("docs/ci.md"),
            REPO.resolve("docs/fleet.md"),
            REPO.resolve("deploy/k8s/base/job.yaml"));

    @Test
    void everyCommandInTheDocsAndTheJobParses() throws IOException {
        List<AssayCommandLines.Found> all = new ArrayList<>();
        for (Path p : SOURCES) {
            all.addAll(commandsIn(p));
        }
        List<String> failures = all.stream()
                .filter(f -> f.args().isEmpty() || !NOT_YET_IN_THIS_BUILD.containsKey(f.args().get(0)))
                .flatMap(f -> parseError(f.args()).map(e -> f + "\n    -> " + e).stream())
                .toList();
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** The extraction finds the commands the docs are about, so a reformatted doc cannot make the check above empty. */
    @Test
    void theDocsCommandsAreFound() throws IOException {
        Map<Path, List<String>> bySource = SOURCES.stream().collect(Collectors.toMap(p -> p, p -> {
            try {
                return commandsIn(p).stream().map(f -> String.join(" ", f.args())).toList();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }));
        List<String> ci = bySource.get(SOURCES.get(0));
        assertTrue(ci.stream().anyMatch(c -> c.startsWith("run ") && c.contains("--profile")), ci::toString);
        assertTrue(ci.stream().anyMatch(c -> c.startsWith("accept ") && c.contains("--junit")), ci::toString);
        assertTrue(ci.stream().anyMatch(c -> c.startsWith("report ") && c.contains("--out")), ci::toString);
        List<String> fleet = bySource.get(SOURCES.get(1));
        assertTrue(fleet.stream().anyMatch(c -> c.startsWith("compare ")), fleet::toString);
        assertTrue(fleet.stream().anyMatch(c -> c.startsWith("export ") && c.contains("--push")), fleet::toString);
        List<String> job = bySource.get(SOURCES.get(2));
        assertTrue(job.stream().anyMatch(c -> c.startsWith("run ") && c.contains("--out")), job::toString);
        assertTrue(job.stream().anyMatch(c -> c.startsWith("export ")), job::toString);
    }

    @Test
    void allowListedCommandsAreStillMissing() {
        for (String name : NOT_YET_IN_THIS_BUILD.keySet()) {
            assertFalse(Main.commandLine().getSubcommands().containsKey(name),
                    "'assay " + name + "' exists now: remove it from NOT_YET_IN_THIS_BUILD so its command lines are checked");
        }
    }

    /** The check fails on what it is there to catch. */
    @Test
    void aRenamedOptionAWrongValueAndAMissingRequiredOptionAreCaught() {
        String doc = """
                Text with assay accept --junit in prose is not a command.
                ```sh
                ./assay run --profile aws-m7i.2xlarge --out bundle
                ./assay accept bundle --profile aws-m7i.2xlarge --junit-xml report.xml
                assay run --probe-rate fast
                if assay score bundle; then echo ok; fi
                ./assay report bundle \\
                    --out report.html
                ```
                """;
        List<AssayCommandLines.Found> found = AssayCommandLines.inMarkdown("doc.md", doc);
        assertEquals(List.of(
                        List.of("run", "--profile", "aws-m7i.2xlarge", "--out", "bundle"),
                        List.of("accept", "bundle", "--profile", "aws-m7i.2xlarge", "--junit-xml", "report.xml"),
                        List.of("run", "--probe-rate", "fast"),
                        List.of("score", "bundle"),
                        List.of("report", "bundle", "--out", "report.html")),
                found.stream().map(AssayCommandLines.Found::args).toList());
        assertEquals(List.of(3, 4, 5, 6, 7), found.stream().map(AssayCommandLines.Found::line).toList());
        assertTrue(parseError(found.get(0).args()).isEmpty());
        assertTrue(parseError(found.get(1).args()).orElseThrow().contains("--junit-xml"));
        assertTrue(parseError(found.get(2).args()).orElseThrow().contains("fast"));
        assertTrue(parseError(found.get(3).args()).orElseThrow().contains("--profile"));
        assertTrue(parseError(found.get(4).args()).isEmpty());
    }

    @Test
    void shellWordsAreSplitAsAShellWould() {
        List<AssayCommandLines.Found> found = AssayCommandLines.inShell("job.yaml", """
                out="/results/${INSTANCE_TYPE}/$(hostname -s)" # the bundle
                assay run --out "$out" --only 'cpu.*' && assay export "$out" --push http://pushgateway:9091
                echo "assay: not a command" || assay verify "$out"; X=1 assay list
                assay compare a b --markdown > fleet.md
                """, 1);
        assertEquals(List.of(
                        List.of("run", "--out", "$out", "--only", "cpu.*"),
                        List.of("export", "$out", "--push", "http://pushgateway:9091"),
                        List.of("verify", "$out"),
                        List.of("list"),
                        List.of("compare", "a", "b", "--markdown")),
                found.stream().map(AssayCommandLines.Found::args).toList());
    }

    private static List<AssayCommandLines.Found> commandsIn(Path p) throws IOException {
        String text = Files.readString(p);
        String name = REPO.relativize(p).toString();
        return name.endsWith(".md")
                ? AssayCommandLines.inMarkdown(name, text) : AssayCommandLines.inShell(name, text, 1);
    }

    /** picocli's verdict on one command line, from the same command tree {@code assay} runs. */
    static Optional<String> parseError(List<String> args) {
        try {
            Main.commandLine().parseArgs(args.toArray(String[]::new));
            return Optional.empty();
        } catch (CommandLine.ParameterException e) {
            return Optional.of(e.getMessage());
        }
    }
}
