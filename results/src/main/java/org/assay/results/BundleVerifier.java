package org.assay.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a bundle: the engine of {@code assay verify}. Three things, each problem one line
 * naming its file:
 * <ol>
 *   <li>every file against {@code SHA256SUMS}: a changed byte (MISMATCH), a lost file (MISSING),
 *       an added file (UNLISTED);</li>
 *   <li>no symbolic link anywhere in the bundle (SYMLINK): a link is never followed, since a
 *       bundle holds its own bytes and a link could make the checksum vouch for a file outside
 *       it, or change what it points at after the sums were written;</li>
 *   <li>{@code run.json} and every line of {@code results.jsonl} against the JSON Schema of the
 *       bundle's schema version ({@link BundleSchemas}; INVALID), so a value edited by hand with
 *       the sums recomputed is caught when it is not the kind of value the field holds.</li>
 * </ol>
 * It reports every problem rather than stopping at the first, so one run of the command shows
 * all that was changed, lost or added since the bundle was finished.
 */
public final class BundleVerifier {

    /** Schema lines reported per file; past that, one line says how many more. */
    static final int MAX_INVALID_PER_FILE = 20;

    private BundleVerifier() {
    }

    /**
     * @throws BundleException if {@code dir} is not a directory holding {@code run.json}, or the
     *                         bundle was written with a newer schema version than this Assay reads
     */
    public static VerificationReport verify(Path dir) throws IOException {
        BundleReader.requireBundle(dir);
        Sha256Sums.Contents contents = Sha256Sums.contents(dir);
        Map<String, String> links = new HashMap<>();
        for (String rel : contents.links()) {
            links.put(rel, linkTarget(dir.resolve(rel)));
        }
        // The version first: a bundle from a newer Assay is refused, not reported as invalid.
        // (requireBundle has refused a run.json that is a link.)
        List<String> unparsedRun = new ArrayList<>();
        JsonNode run = runTree(dir, unparsedRun);
        int version = run == null ? BundleFormat.SCHEMA_VERSION : BundleReader.schemaVersion(dir, run);

        if (links.containsKey(BundleFormat.SHA256SUMS)) {
            return new VerificationReport(dir, List.of(symlink(BundleFormat.SHA256SUMS, links)));
        }
        Path sumsFile = dir.resolve(BundleFormat.SHA256SUMS);
        if (!Files.isRegularFile(sumsFile, LinkOption.NOFOLLOW_LINKS)) {
            return new VerificationReport(dir,
                    List.of("MISSING " + BundleFormat.SHA256SUMS + " (bundle not finished)"));
        }
        Set<String> problems = new LinkedHashSet<>();
        Set<String> listed = new HashSet<>();
        String[] lines = new String(Files.readAllBytes(sumsFile), StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            Sha256Sums.Entry entry = Sha256Sums.parse(lines[i]);
            if (entry == null) {
                problems.add("MALFORMED " + BundleFormat.SHA256SUMS + " line " + (i + 1));
                continue;
            }
            if (leavesBundle(entry.path())) {
                problems.add("MALFORMED " + BundleFormat.SHA256SUMS + " line " + (i + 1) + ": "
                        + entry.path() + " is outside the bundle");
                continue;
            }
            if (!listed.add(entry.path())) {
                problems.add("MALFORMED " + BundleFormat.SHA256SUMS + " line " + (i + 1) + ": "
                        + entry.path() + " is listed twice");
                continue;
            }
            String link = linkOnPath(entry.path(), links);
            if (link != null) {
                problems.add(symlink(link, links));
                continue;
            }
            Path file = dir.resolve(entry.path());
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                problems.add("MISSING " + entry.path());
            } else if (!Sha256Sums.sha256(file).equals(entry.sha256())) {
                problems.add("MISMATCH " + entry.path());
            }
        }
        for (String rel : contents.files()) {
            if (!listed.contains(rel)) {
                problems.add("UNLISTED " + rel);
            }
        }
        for (String rel : contents.others()) {
            problems.add("UNLISTED " + rel + " (not a regular file; not read)");
        }
        for (String rel : contents.links()) {
            problems.add(symlink(rel, links));
        }
        problems.addAll(unparsedRun);
        if (run != null) {
            invalid(problems, BundleFormat.RUN_JSON, BundleSchemas.checkRun(run, version).stream()
                    .map(p -> ": " + p).toList());
        }
        if (!links.containsKey(BundleFormat.RESULTS_JSONL)) {
            checkResultLines(dir, version, problems);
        }
        return new VerificationReport(dir, new ArrayList<>(problems));
    }

    /**
     * run.json as a tree, or null (and an INVALID line) when it is not JSON: a flipped byte there
     * is a verification failure like any other, reported beside the MISMATCH it causes.
     */
    private static JsonNode runTree(Path dir, List<String> problems) throws IOException {
        try {
            JsonNode tree = BundleFormat.bundleMapper().readTree(dir.resolve(BundleFormat.RUN_JSON).toFile());
            if (tree != null && tree.isObject()) {
                return tree;
            }
            problems.add("INVALID " + BundleFormat.RUN_JSON + ": not a JSON object");
        } catch (JsonProcessingException e) {
            problems.add("INVALID " + BundleFormat.RUN_JSON + ": not JSON (" + oneLine(e.getOriginalMessage()) + ")");
        }
        return null;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }

    private static void checkResultLines(Path dir, int version, Set<String> problems) throws IOException {
        Path file = dir.resolve(BundleFormat.RESULTS_JSONL);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return;  // listed and gone: MISSING above; never written: nothing to check
        }
        String[] lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n", -1);
        List<String> invalid = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = " line " + (i + 1);
            JsonNode tree;
            try {
                tree = BundleFormat.bundleMapper().readTree(line);
            } catch (JsonProcessingException e) {
                invalid.add(where + ": not JSON (" + oneLine(e.getOriginalMessage()) + ")");
                continue;
            }
            for (String p : BundleSchemas.checkResult(tree, version)) {
                invalid.add(where + ": " + p);
            }
            if (!tree.isObject()) {
                continue;   // the schema has said so
            }
            JsonNode id = tree.get("invocationId");
            if (id != null && id.isTextual()) {
                Integer first = ids.putIfAbsent(id.asText(), i + 1);
                if (first != null) {
                    invalid.add(where + ": invocationId " + id.asText() + " repeats line " + first);
                }
            }
        }
        invalid(problems, BundleFormat.RESULTS_JSONL, invalid);
    }

    private static void invalid(Set<String> problems, String file, List<String> found) {
        for (int i = 0; i < found.size() && i < MAX_INVALID_PER_FILE; i++) {
            problems.add("INVALID " + file + found.get(i));
        }
        if (found.size() > MAX_INVALID_PER_FILE) {
            problems.add("INVALID " + file + ": " + (found.size() - MAX_INVALID_PER_FILE) + " more schema problem(s)");
        }
    }

    private static String symlink(String rel, Map<String, String> links) {
        return "SYMLINK " + rel + " -> " + links.get(rel) + " (not followed: a bundle holds its own files)";
    }

    /** The symbolic link on the way to {@code path} (itself or a directory above it), or null. */
    private static String linkOnPath(String path, Map<String, String> links) {
        String prefix = "";
        for (String part : path.split("/")) {
            prefix = prefix.isEmpty() ? part : prefix + "/" + part;
            if (links.containsKey(prefix)) {
                return prefix;
            }
        }
        return null;
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "?";
        }
    }

    private static boolean leavesBundle(String path) {
        if (path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z]:.*")) {
            return true;
        }
        for (String part : path.split("[/\\\\]")) {
            if (part.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
