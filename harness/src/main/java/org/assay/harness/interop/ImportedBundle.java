package org.assay.harness.interop;

import com.fasterxml.jackson.databind.JsonNode;
import org.assay.analysis.report.MarkdownReport;
import org.assay.harness.execution.RunSession;
import org.assay.results.Bundle;
import org.assay.results.BundleWriter;
import org.assay.results.ImportedFrom;
import org.assay.results.InvocationResult;
import org.assay.results.RunManifest;
import org.assay.results.RunStatus;
import org.assay.results.Status;
import org.assay.results.Termination;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes an imported tool's results as a bundle through {@link BundleWriter}, as a run writes
 * its own: run.json (with {@code importedFrom}: the tool, its version, the file and its SHA-256),
 * the file itself under {@code source/}, {@code results.jsonl}, {@code jmh.json} for a JMH file,
 * {@code summary.md}, and {@code SHA256SUMS} last, so {@code assay verify}, {@code score},
 * {@code accept}, {@code compare} and {@code report} take it like any other. A bundle that
 * cannot be finished is removed: an import leaves a whole bundle or nothing.
 */
public final class ImportedBundle {

    /** What the file says of the machine, or this machine's inventory when the user asked for it. */
    public record Machine(JsonNode inventory, String host, String origin) {
    }

    private ImportedBundle() {
    }

    /**
     * @param base     the manifest's Assay version, commit, command and working directory
     * @param source   the file's bytes, kept in the bundle as they are
     * @param thisMachine this machine's inventory and host name ({@code --this-machine}); null to
     *                    keep to what the file says
     */
    public static Bundle write(Path dir, ToolImport t, String file, byte[] source, RunManifest.Builder base,
                               Machine thisMachine) throws IOException {
        JsonNode inventory = thisMachine != null ? thisMachine.inventory() : t.inventory();
        String host = thisMachine != null ? thisMachine.host() : t.host();
        String machine = thisMachine != null ? "this machine (--this-machine): " + thisMachine.origin()
                : t.inventory() != null ? "file" : "unknown";
        List<String> notes = new ArrayList<>(t.notes());
        if (thisMachine != null) {
            notes.add("the inventory is of the machine assay import ran on, as --this-machine asked, not read from the file");
        }
        String fileName = Path.of(file).getFileName() == null ? "output.json" : Path.of(file).getFileName().toString();
        boolean existed = Files.exists(dir);
        String now = Instant.now().toString();
        RunManifest manifest = base.host(host).suite("imported " + t.tool().name())
                .start(t.start() != null ? t.start() : now).inventory(inventory)
                .importedFrom(new ImportedFrom(t.tool().name(), t.toolVersion(), file, sha256(source),
                        "source/" + fileName, machine, notes))
                .build();
        try (BundleWriter w = BundleWriter.create(dir, manifest)) {
            w.writeSource(fileName, source);
            if (t.jmhEntries() != null) {
                w.appendJmhEntries(t.jmhEntries());
            }
            for (InvocationResult r : t.results()) {
                w.append(r);
            }
            long failed = t.results().stream().filter(r -> r.status() != Status.ok).count();
            RunManifest done = manifest.withEnd(t.end() != null ? t.end() : now,
                    failed == 0 ? RunStatus.complete : RunStatus.partial,
                    failed == 0 ? null : failed + " of " + t.results().size() + " result(s) failed in the tool's file",
                    Termination.normal);
            Bundle b = new Bundle(dir, done, t.results());
            Files.writeString(dir.resolve(RunSession.SUMMARY_MD), MarkdownReport.summary(b), StandardCharsets.UTF_8);
            w.finish(done);
            return b;
        } catch (IOException | RuntimeException e) {
            removeQuietly(dir, existed);
            throw e;
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Removes what the import wrote: the directory's files, and the directory itself when it made it. */
    private static void removeQuietly(Path dir, boolean existed) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir) || !existed) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException ignored) {
            // the one-line error the caller prints says what failed; a leftover has no SHA256SUMS
        }
    }
}
