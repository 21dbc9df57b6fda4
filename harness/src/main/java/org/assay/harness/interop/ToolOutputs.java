package org.assay.harness.interop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.assay.results.BundleFormat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one tool's output file: the bytes, the JSON, the format recognised by content (and checked
 * against {@code --tool} when the user named one), then the tool's mapping. Every refusal is one
 * line naming the file and what would be right. fio may print a warning line before its JSON on
 * stdout; lines before the first that opens a JSON value are skipped and say so in the notes.
 */
public final class ToolOutputs {

    /** The mapped file and its bytes, which the bundle keeps. */
    public record Read(ToolImport imported, byte[] bytes) {
    }

    private static final String EXPECTED = "give the JSON that fio --output-format=json, iperf3 -J or JMH -rf json wrote";

    private ToolOutputs() {
    }

    /** @param expected the format the user named with {@code --tool}; null to recognise it */
    public static Read read(Path file, ToolFormat expected) throws ImportException, IOException {
        if (!Files.isRegularFile(file)) {
            throw new ImportException("no such file: " + file + " (" + EXPECTED + ")");
        }
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new ImportException(file + " is empty: " + EXPECTED);
        }
        int from = jsonStart(text);
        if (from < 0) {
            throw new ImportException(file + " holds no JSON value (no line starts with '{' or '['): " + EXPECTED);
        }
        JsonNode root;
        try {
            root = BundleFormat.mapper().readTree(text.substring(from));
        } catch (JsonProcessingException e) {
            String why = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("").replaceAll(" \\(start marker.*", "");
            int at = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            throw new ImportException(file + " is not valid JSON (line " + (line(text, from) + at - 1)
                    + ": " + why + "); cut short? " + EXPECTED);
        }
        Optional<ToolFormat> detected = ToolFormat.detect(root);
        if (detected.isEmpty()) {
            throw new ImportException(file + " is not fio, iperf3 or JMH output: " + EXPECTED);
        }
        if (expected != null && expected != detected.get()) {
            throw new ImportException(file + " is " + detected.get() + " output, not " + expected
                    + ": give --tool " + detected.get() + " or leave --tool out");
        }
        String name = file.toString();
        ToolImport t = switch (detected.get()) {
            case fio -> FioImport.read(root, name);
            case iperf3 -> Iperf3Import.read(root, name);
            case jmh -> JmhImport.read(root, name);
        };
        if (from > 0) {
            List<String> notes = new ArrayList<>(t.notes());
            notes.add((line(text, from) - 1) + " line(s) before the JSON were skipped (a tool's warnings on stdout)");
            t = new ToolImport(t.tool(), t.toolVersion(), t.results(), t.inventory(), t.host(), t.start(), t.end(),
                    notes, t.jmhEntries());
        }
        return new Read(t, bytes);
    }

    /** Offset of the first line that opens a JSON object or array; -1 when none does. */
    static int jsonStart(String text) {
        int at = 0;
        for (String l : text.split("\n", -1)) {
            String t = l.stripLeading();
            if (t.startsWith("{") || t.startsWith("[")) {
                return at + (l.length() - t.length());
            }
            at += l.length() + 1;
        }
        return -1;
    }

    /** 1-based line number of {@code offset}. */
    private static int line(String text, int offset) {
        int n = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
