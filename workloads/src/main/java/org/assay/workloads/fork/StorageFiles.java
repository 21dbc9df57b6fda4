package org.assay.workloads.fork;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The storage workloads' test files: where they go, what they are called and how they are removed.
 *
 * <p>The harness tells the fork through system properties: {@link #DIR_PROPERTY} (the directory
 * under test), {@link #RUN_PROPERTY} (the run's id, part of every file name) and
 * {@link #IO_PROPERTY} ({@code direct} or {@code buffered}, decided once for the run). Every file
 * is called {@code assay-storage-<runid>-<what>.dat}, so a person can tell what it is and any
 * later run can find the files a killed run left ({@link #leftovers}). A file is removed by the
 * fork at the end of its trial and by a shutdown hook on Ctrl-C, and by the harness after each
 * invocation (a fork killed outright runs no hook) and when the run ends.
 */
public final class StorageFiles {

    public static final String DIR_PROPERTY = "assay.storage.dir";
    public static final String RUN_PROPERTY = "assay.storage.run";
    public static final String IO_PROPERTY = "assay.storage.io";
    public static final String PREFIX = "assay-storage-";
    public static final String SUFFIX = ".dat";
    private static final Pattern ANY = Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9._-]+" + Pattern.quote(SUFFIX));

    private StorageFiles() {
    }

    /** A run id as it may appear in a file name: letters, digits, dot, dash and underscore only. */
    public static String safeRunId(String runId) {
        return runId.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** {@code assay-storage-<runid>-<what>.dat} in {@code dir}. */
    public static Path file(Path dir, String runId, String what) {
        return dir.resolve(PREFIX + safeRunId(runId) + "-" + what.replaceAll("[^A-Za-z0-9._-]", "_") + SUFFIX);
    }

    /** This run's files in {@code dir}. */
    public static List<Path> ofRun(Path dir, String runId) throws IOException {
        String start = PREFIX + safeRunId(runId) + "-";
        return list(dir, name -> name.startsWith(start));
    }

    /** Test files of other runs in {@code dir}: what a killed run left behind. */
    public static List<Path> leftovers(Path dir, String runId) throws IOException {
        String start = PREFIX + safeRunId(runId) + "-";
        return list(dir, name -> !name.startsWith(start));
    }

    /** Removes the files; returns those it removed. */
    public static List<Path> remove(List<Path> files) {
        List<Path> removed = new ArrayList<>();
        for (Path f : files) {
            try {
                if (Files.deleteIfExists(f)) {
                    removed.add(f);
                }
            } catch (IOException e) {
                // nothing more to do from here; the next run finds it as a leftover
            }
        }
        return removed;
    }

    /** Removes {@code file} when the JVM exits on a signal (Ctrl-C, kill) as well as normally. */
    public static Thread removeOnExit(Path file) {
        Thread hook = new Thread(() -> remove(List.of(file)), "assay-storage-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private static List<Path> list(Path dir, java.util.function.Predicate<String> keep) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                String name = p.getFileName().toString();
                if (ANY.matcher(name).matches() && keep.test(name) && Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        }
        out.sort(null);
        return out;
    }
}
