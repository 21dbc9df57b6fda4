package org.assay.harness;

import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two pipeline examples in docs/ci.md parse as YAML and have the structure their CI systems
 * need: a GitHub Actions workflow whose every step runs a command or uses an action (never both,
 * never neither) and whose artifacts and JUnit report name the files the Assay commands write;
 * a GitLab job whose script is a list of commands and whose JUnit report is kept even when the
 * job fails. (The commands themselves are checked by {@link DocCommandLinesTest}.)
 */
class CiDocExamplesTest {

    private static final Path CI_MD = Path.of("").toAbsolutePath().getParent().resolve("docs/ci.md");

    @Test
    void theGithubWorkflowHasRunnableStepsAndPublishesTheReports() throws IOException {
        Map<String, Object> workflow = yamlBlocks().get(0);
        assertEquals(List.of(), githubProblems(workflow));
        String all = workflow.toString();
        assertTrue(all.contains("--junit report.xml") && all.contains("--out report.html"), all);
    }

    @Test
    void theGitlabJobKeepsItsArtifactsAndJunitReportOnFailure() throws IOException {
        Map<String, Object> pipeline = yamlBlocks().get(1);
        assertEquals(List.of(), gitlabProblems(pipeline));
    }

    /** The checks fail on what they are there to catch. */
    @Test
    void brokenExamplesAreCaught() {
        assertThrows(YamlEngineException.class, () -> load("""
                jobs:
                  accept:
                    steps:
                      - run: ./assay run
                     uses: actions/checkout@v4
                """));
        Map<String, Object> both = load("""
                on: push
                jobs:
                  accept:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                        run: ./assay run
                      - uses: actions/upload-artifact@v4
                        with:
                          path: report.html
                """);
        List<String> p = githubProblems(both);
        assertTrue(p.stream().anyMatch(s -> s.contains("exactly one of run and uses")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("report.xml")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("if: always()")), p.toString());

        Map<String, Object> gitlab = load("""
                job:
                  script: ./assay run
                  artifacts:
                    reports:
                      junit: report.html
                """);
        List<String> g = gitlabProblems(gitlab);
        assertTrue(g.stream().anyMatch(s -> s.contains("script")), g.toString());
        assertTrue(g.stream().anyMatch(s -> s.contains("junit")), g.toString());
        assertTrue(g.stream().anyMatch(s -> s.contains("when: always")), g.toString());
    }

    /** What is not as docs/ci.md promises in a GitHub Actions workflow. */
    @SuppressWarnings("unchecked")
    static List<String> githubProblems(Map<String, Object> workflow) {
        List<String> p = new ArrayList<>();
        if (!workflow.containsKey("on")) {
            p.add("no 'on' trigger");
        }
        Object jobs = workflow.get("jobs");
        if (!(jobs instanceof Map<?, ?> jobMap) || jobMap.isEmpty()) {
            p.add("no jobs");
            return p;
        }
        boolean uploadsXml = false;
        boolean uploadsHtml = false;
        boolean uploadsAlways = false;
        for (Map.Entry<?, ?> job : jobMap.entrySet()) {
            Map<String, Object> j = (Map<String, Object>) job.getValue();
            if (!j.containsKey("runs-on")) {
                p.add(job.getKey() + ": no runs-on");
            }
            if (!(j.get("steps") instanceof List<?> steps) || steps.isEmpty()) {
                p.add(job.getKey() + ": no steps");
                continue;
            }
            for (Object o : steps) {
                Map<String, Object> step = (Map<String, Object>) o;
                if (step.containsKey("run") == step.containsKey("uses")) {
                    p.add(job.getKey() + ": step " + step + " must have exactly one of run and uses");
                }
                if (String.valueOf(step.get("uses")).startsWith("actions/upload-artifact@")) {
                    Object with = step.get("with");
                    String path = with instanceof Map<?, ?> w ? String.valueOf(w.get("path")) : "";
                    uploadsXml |= path.contains("report.xml");
                    uploadsHtml |= path.contains("report.html");
                    uploadsAlways |= String.valueOf(step.get("if")).contains("always()");
                }
            }
        }
        if (!uploadsXml || !uploadsHtml) {
            p.add("no upload-artifact step with report.xml and report.html in its path");
        }
        if (!uploadsAlways) {
            p.add("the upload-artifact step must run with if: always(), or a failed verdict loses its report");
        }
        return p;
    }

    /** What is not as docs/ci.md promises in a GitLab CI job. */
    @SuppressWarnings("unchecked")
    static List<String> gitlabProblems(Map<String, Object> pipeline) {
        List<String> p = new ArrayList<>();
        if (pipeline.size() != 1) {
            p.add("expected one job, got " + pipeline.keySet());
            return p;
        }
        Map<String, Object> job = (Map<String, Object>) pipeline.values().iterator().next();
        if (!(job.get("script") instanceof List<?> script) || script.isEmpty()
                || !script.stream().allMatch(s -> s instanceof String)) {
            p.add("script must be a list of commands");
        }
        Map<String, Object> artifacts = job.get("artifacts") instanceof Map<?, ?> a ? (Map<String, Object>) a : Map.of();
        if (!"always".equals(artifacts.get("when"))) {
            p.add("artifacts need when: always, or a failed verdict loses its report");
        }
        Object reports = artifacts.get("reports");
        if (!(reports instanceof Map<?, ?> r) || !"report.xml".equals(r.get("junit"))) {
            p.add("artifacts.reports.junit must be report.xml, the file accept --junit writes");
        }
        Object paths = artifacts.get("paths");
        if (!(paths instanceof List<?> l) || !l.contains("report.html")) {
            p.add("artifacts.paths must keep report.html");
        }
        return p;
    }

    /** The ```yaml blocks of docs/ci.md, in order. */
    private static List<Map<String, Object>> yamlBlocks() throws IOException {
        List<Map<String, Object>> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : Files.readString(CI_MD).split("\n", -1)) {
            if (block == null && line.strip().equals("```yaml")) {
                block = new StringBuilder();
            } else if (block != null && line.strip().equals("```")) {
                blocks.add(load(block.toString()));
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        assertEquals(2, blocks.size(), "docs/ci.md should hold the GitHub and the GitLab example");
        assertFalse(blocks.get(0).isEmpty());
        return blocks;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String yaml) {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
    }
}
