package org.assay.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a bundle written by {@link BundleWriter}, of this schema version or an older one.
 *
 * <p>{@code results.jsonl} is written atomically, so its last line is normally complete; a copy
 * cut short (a full disk, a partial download, another tool appending) may end mid-line. That line
 * is skipped and reported in {@link Bundle#warnings()}: the invocations before it are intact and
 * worth reading. A bad line anywhere else means the file was altered and is refused.
 */
public final class BundleReader {

    private BundleReader() {
    }

    /**
     * @throws BundleException if {@code dir} is not a bundle, was written by a newer Assay, or its
     *                         files are not valid JSON
     */
    public static Bundle read(Path dir) throws IOException {
        RunManifest manifest = readManifest(dir);
        List<String> warnings = new ArrayList<>();
        List<InvocationResult> results = readResultLines(dir, warnings);
        return new Bundle(dir, manifest, results, warnings);
    }

    /** The invocations of the bundle in {@code dir}; a truncated last line is skipped. */
    public static List<InvocationResult> readResults(Path dir) throws IOException {
        return read(dir).results();
    }

    /** Only {@code run.json}, checked as {@link #read(Path)} checks it. */
    public static RunManifest readManifest(Path dir) throws IOException {
        requireBundle(dir);
        Path runJson = dir.resolve(BundleFormat.RUN_JSON);
        JsonNode tree;
        try {
            tree = BundleFormat.bundleMapper().readTree(runJson.toFile());
        } catch (JsonProcessingException e) {
            throw new BundleException(runJson + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new BundleException(runJson + " is not a JSON object: not an Assay bundle");
        }
        schemaVersion(dir, tree);
        try {
            return BundleFormat.bundleMapper().treeToValue(tree, RunManifest.class);
        } catch (JsonProcessingException e) {
            throw new BundleException(runJson + " is not a valid run manifest: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The bundle's schema version from its {@code run.json} tree: every version from 1 up to
     * {@link BundleFormat#SCHEMA_VERSION} is read; a newer one is refused with what to do.
     */
    static int schemaVersion(Path dir, JsonNode tree) throws BundleException {
        Path runJson = dir.resolve(BundleFormat.RUN_JSON);
        JsonNode version = tree.get("schemaVersion");
        if (version == null || !version.canConvertToInt() || !version.isIntegralNumber()) {
            throw new BundleException(runJson + " has no schemaVersion: not an Assay bundle");
        }
        int v = version.intValue();
        if (v > BundleFormat.SCHEMA_VERSION) {
            throw new BundleException(dir + " was written with bundle schema version " + v
                    + "; this Assay reads versions up to " + BundleFormat.SCHEMA_VERSION
                    + ": upgrade Assay to read it");
        }
        if (v < 1) {
            throw new BundleException(runJson + " has schemaVersion " + v + "; versions start at 1");
        }
        return v;
    }

    /**
     * Refuses anything that is not a directory holding run.json, with the message users see. A
     * run.json or results.jsonl that is a symbolic link is refused too, never followed: a bundle
     * holds its own files, and a link could point anywhere (assay verify names every link).
     */
    static void requireBundle(Path dir) throws BundleException {
        if (!Files.isDirectory(dir)) {
            throw new BundleException(dir + " is not an Assay bundle: not a directory");
        }
        for (String name : List.of(BundleFormat.RUN_JSON, BundleFormat.RESULTS_JSONL)) {
            Path file = dir.resolve(name);
            if (Files.isSymbolicLink(file)) {
                throw new BundleException(dir + " is not a usable Assay bundle: " + name
                        + " is a symbolic link; a bundle holds its own files, and links are not followed");
            }
        }
        if (!Files.isRegularFile(dir.resolve(BundleFormat.RUN_JSON))) {
            throw new BundleException(dir + " is not an Assay bundle: no " + BundleFormat.RUN_JSON);
        }
    }

    private static List<InvocationResult> readResultLines(Path dir, List<String> warnings) throws IOException {
        Path file = dir.resolve(BundleFormat.RESULTS_JSONL);
        List<InvocationResult> results = new ArrayList<>();
        if (!Files.exists(file)) {
            warnings.add(BundleFormat.RESULTS_JSONL + " is missing: no invocation was recorded");
            return results;
        }
        // Decoded leniently: a cut can fall inside a multi-byte character (say, in "°C"), and a
        // strict decoder would refuse the whole file for the sake of its broken last line.
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        boolean endsWithNewline = text.endsWith("\n");
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            boolean unterminatedLast = i == lines.length - 1 && !endsWithNewline;
            try {
                results.add(BundleFormat.bundleMapper().readValue(line, InvocationResult.class));
            } catch (JsonProcessingException e) {
                if (unterminatedLast) {
                    warnings.add(BundleFormat.RESULTS_JSONL + " line " + (i + 1) + " is truncated ("
                            + line.length() + " characters, no newline): skipped");
                } else {
                    throw new BundleException(file + " line " + (i + 1) + " is not a valid result: "
                            + e.getOriginalMessage(), e);
                }
            }
        }
        return results;
    }
}
