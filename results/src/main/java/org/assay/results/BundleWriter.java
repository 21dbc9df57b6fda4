package org.assay.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes one run's bundle as the run goes, so that a crash or Ctrl-C loses at most the invocation
 * in flight: {@code run.json} at once, {@code results.jsonl} and {@code jmh.json} rewritten
 * atomically after every append (see {@link AtomicFiles}), {@code probes.csv} appended and
 * flushed, and {@code SHA256SUMS} written last by {@link #finish(RunManifest)}. A bundle that was
 * closed without {@code finish} is valid up to its last append, and {@code assay verify} says it
 * was not finished.
 *
 * <p>Methods are synchronized: the probe sampler appends from its own thread while the main thread
 * records invocations.
 */
public final class BundleWriter implements Closeable {

    private static final java.util.regex.Pattern UNSAFE_NAME = java.util.regex.Pattern.compile("[^A-Za-z0-9._-]");

    private final Path dir;
    private final Durability durability;
    private RunManifest manifest;
    // The whole results file is kept in memory and rewritten each time: a run has hundreds of
    // invocations at most, and a full rewrite is what makes the update atomic.
    private final StringBuilder resultLines = new StringBuilder();
    private final Set<String> invocationIds = new HashSet<>();
    private final ArrayNode jmhEntries = BundleFormat.bundleMapper().createArrayNode();
    private final Map<String, String> histogramNames = new HashMap<>();
    private BufferedWriter probes;
    private boolean closed;

    private BundleWriter(Path dir, Durability durability) {
        this.dir = dir;
        this.durability = durability;
    }

    /**
     * Creates {@code dir} (and its parents) and writes {@code run.json} and an empty
     * {@code results.jsonl}. Refuses a directory that exists and is not empty: two runs must never
     * share a bundle.
     *
     * @throws BundleException with a one-line message if {@code dir} is not empty or not writable
     */
    public static BundleWriter create(Path dir, RunManifest manifest) throws IOException {
        return create(dir, manifest, Durability.DISK);
    }

    static BundleWriter create(Path dir, RunManifest manifest, Durability durability) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(manifest, "manifest");
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new BundleException("cannot write to " + dir + ": it exists and is not a directory");
            }
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new BundleException(dir + " is not empty: refusing to write a bundle into it;"
                            + " choose a new directory");
                }
            } catch (BundleException e) {
                throw e;
            } catch (IOException e) {
                throw cannotWrite(dir, e);
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw cannotWrite(dir, e);
        }
        BundleWriter writer = new BundleWriter(dir, durability);
        writer.writeManifest(manifest);
        writer.writeAtomically(BundleFormat.RESULTS_JSONL, new byte[0]);
        return writer;
    }

    /** Appends one line to {@code results.jsonl}; {@code invocationId} must be new in this run. */
    public synchronized void append(InvocationResult r) throws IOException {
        checkOpen();
        Objects.requireNonNull(r, "result");
        if (invocationIds.contains(r.invocationId())) {
            throw new IllegalArgumentException("invocation " + r.invocationId() + " is already in " + dir);
        }
        // Compact JSON escapes line breaks inside strings, so one object is exactly one line.
        String line = BundleFormat.bundleMapper().writeValueAsString(r);
        int previousLength = resultLines.length();
        resultLines.append(line).append('\n');
        try {
            writeAtomically(BundleFormat.RESULTS_JSONL, resultLines.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The file on disk is still the previous complete one; keep memory equal to it.
            resultLines.setLength(previousLength);
            throw e;
        }
        invocationIds.add(r.invocationId());
    }

    /**
     * Adds JMH's own result entries to {@code jmh.json}, which holds one JSON array: the
     * concatenation of the arrays JMH wrote for each invocation. A single object is taken as one
     * entry.
     */
    public synchronized void appendJmhEntries(JsonNode jmhArray) throws IOException {
        checkOpen();
        Objects.requireNonNull(jmhArray, "jmhArray");
        int previousSize = jmhEntries.size();
        if (jmhArray.isArray()) {
            jmhEntries.addAll((ArrayNode) jmhArray);
        } else if (jmhArray.isObject()) {
            jmhEntries.add(jmhArray);
        } else {
            throw new IllegalArgumentException("JMH entries must be a JSON array or object, got "
                    + jmhArray.getNodeType());
        }
        try {
            byte[] json = BundleFormat.bundleMapper().writeValueAsBytes(jmhEntries);
            writeAtomically(BundleFormat.JMH_JSON, withNewline(json));
        } catch (IOException e) {
            while (jmhEntries.size() > previousSize) {
                jmhEntries.remove(jmhEntries.size() - 1);
            }
            throw e;
        }
    }

    /**
     * Appends rows to {@code probes.csv} (header written on first use) and flushes them to the
     * operating system. Unlike the JSON files it is not rewritten nor fsynced as it grows: it grows
     * for hours in a burn-in, and forcing the disk every second would disturb the storage
     * workloads being measured. A JVM crash loses nothing already flushed; a power cut may cut the
     * last row. {@link #finish} forces it with every other file before writing the sums.
     */
    public synchronized void appendProbeSamples(List<ProbeSample> samples) throws IOException {
        checkOpen();
        if (samples.isEmpty()) {
            return;
        }
        try {
            if (probes == null) {
                probes = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(
                        dir.resolve(BundleFormat.PROBES_CSV), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE), StandardCharsets.UTF_8));
                probes.write(ProbesCsv.HEADER);
            }
            for (ProbeSample s : samples) {
                probes.write(ProbesCsv.row(s));
            }
            probes.flush();
        } catch (IOException e) {
            throw cannotWrite(dir.resolve(BundleFormat.PROBES_CSV), e);
        }
    }

    /**
     * Where to write the HdrHistogram log called {@code name}: {@code histograms/<name>.hlog},
     * with the name made safe by {@link BundleFormat#histogramFileName(String)}. The caller writes
     * the file and must close it before {@link #finish(RunManifest)}.
     *
     * @throws IllegalArgumentException if a different name already maps to the same file
     */
    public synchronized Path histogramPath(String name) {
        checkOpen();
        String fileName = BundleFormat.histogramFileName(name);
        String earlier = histogramNames.putIfAbsent(fileName, name);
        if (earlier != null && !earlier.equals(name)) {
            throw new IllegalArgumentException("histogram names '" + earlier + "' and '" + name
                    + "' both become " + fileName + "; choose names that differ in letters or digits");
        }
        Path histograms = dir.resolve(BundleFormat.HISTOGRAMS_DIR);
        try {
            Files.createDirectories(histograms);
        } catch (IOException e) {
            throw new UncheckedIOException(cannotWrite(histograms, e));
        }
        return histograms.resolve(fileName);
    }

    /**
     * Appends {@code text} to the bundle's text file {@code fileName} (created with {@code header}
     * on first use) and flushes it, as {@link #appendProbeSamples} does for probes.csv: for a time
     * series a long run adds to as it goes, such as a burn-in's throughput per interval.
     */
    public synchronized void appendText(String fileName, String header, String text) throws IOException {
        checkOpen();
        Path file = dir.resolve(checkName(fileName));
        try {
            if (!Files.exists(file)) {
                Files.writeString(file, header, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
    }

    /** Writes the bundle file {@code fileName} whole and atomically (a summary a command adds before {@link #finish}). */
    public synchronized void writeFile(String fileName, byte[] bytes) throws IOException {
        checkOpen();
        writeAtomically(checkName(fileName), bytes);
    }

    /** A file of the bundle's own top level: a plain name, none of the files the writer keeps itself. */
    private static String checkName(String fileName) {
        if (!fileName.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || Set.of(BundleFormat.RUN_JSON, BundleFormat.RESULTS_JSONL,
                BundleFormat.JMH_JSON, BundleFormat.PROBES_CSV, BundleFormat.SHA256SUMS).contains(fileName)) {
            throw new IllegalArgumentException("'" + fileName + "' is not a free file name of the bundle's top level");
        }
        return fileName;
    }

    /**
     * Writes {@code bytes} to {@code source/<fileName>} atomically: the other tool's output an
     * imported bundle was made from, kept byte for byte so SHA256SUMS covers what every figure was
     * read from. The name is made safe as a histogram's is (letters, digits, '.', '_', '-').
     *
     * @return the path inside the bundle, {@code source/<safe name>}
     */
    public synchronized String writeSource(String fileName, byte[] bytes) throws IOException {
        checkOpen();
        if (fileName == null || fileName.isBlank()) {
            throw new IllegalArgumentException("source file name must not be blank");
        }
        String safe = UNSAFE_NAME.matcher(fileName).replaceAll("_");
        if (safe.startsWith(".")) {
            safe = "_" + safe.substring(1);
        }
        Path sources = dir.resolve(BundleFormat.SOURCE_DIR);
        try {
            Files.createDirectories(sources);
        } catch (IOException e) {
            throw cannotWrite(sources, e);
        }
        writeAtomically(BundleFormat.SOURCE_DIR + "/" + safe, bytes);
        return BundleFormat.SOURCE_DIR + "/" + safe;
    }

    /** Rewrites {@code run.json} atomically, e.g. once the inventory or plan is known. */
    public synchronized void updateManifest(RunManifest m) throws IOException {
        checkOpen();
        writeManifest(m);
    }

    /**
     * Writes the final {@code run.json}, forces every file of the bundle and every directory in it
     * to disk, then writes {@code SHA256SUMS} over every other file, and closes the writer.
     * SHA256SUMS comes last so that its presence means the bundle was finished; the forcing comes
     * before it because files written by others (jmh.log, summary.md, the histograms) and the
     * appended probes.csv may still be in the page cache, and after a power cut a checksum would
     * then vouch for a file that came back empty.
     */
    public synchronized void finish(RunManifest finalManifest) throws IOException {
        checkOpen();
        closeProbes();
        writeManifest(finalManifest);
        List<String> files = Sha256Sums.filesToList(dir);
        forceAll(files);
        Map<String, String> sums = new LinkedHashMap<>();
        for (String rel : files) {
            if (rel.indexOf('\n') >= 0 || rel.indexOf('\\') >= 0) {
                // sha256sum escapes such names with a leading '\'; refuse rather than write a
                // file that `sha256sum -c` reads differently.
                throw new BundleException("cannot list '" + rel + "' in " + BundleFormat.SHA256SUMS
                        + ": file names in a bundle must not contain a newline or backslash");
            }
            sums.put(rel, Sha256Sums.sha256(dir.resolve(rel)));
        }
        writeAtomically(BundleFormat.SHA256SUMS, Sha256Sums.render(sums).getBytes(StandardCharsets.UTF_8));
        closed = true;
    }

    /** fsync of each file, then of each directory holding one, deepest first, the bundle's own last. */
    private void forceAll(List<String> files) throws IOException {
        Set<Path> dirs = new java.util.TreeSet<>(java.util.Comparator.comparingInt(Path::getNameCount).reversed()
                .thenComparing(java.util.Comparator.naturalOrder()));
        dirs.add(dir);
        for (String rel : files) {
            Path file = dir.resolve(rel);
            try {
                durability.forceFile(file);
            } catch (IOException e) {
                throw cannotWrite(file, e);
            }
            for (Path p = file.getParent(); p != null && p.startsWith(dir); p = p.getParent()) {
                dirs.add(p);
            }
        }
        dirs.forEach(durability::forceDirectory);
    }

    /** The last manifest written to {@code run.json}, for a shutdown hook to mark the end. */
    public synchronized RunManifest manifest() {
        return manifest;
    }

    public Path dir() {
        return dir;
    }

    /**
     * Closes the writer without finishing: what was written stays and is valid up to the last
     * append; no SHA256SUMS is written, so the bundle reads as unfinished. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closeProbes();
        } catch (IOException e) {
            // Every row was flushed when appended; a failing close loses nothing already written.
        }
    }

    private void closeProbes() throws IOException {
        if (probes != null) {
            BufferedWriter w = probes;
            probes = null;
            w.close();
        }
    }

    private void writeManifest(RunManifest m) throws IOException {
        Objects.requireNonNull(m, "manifest");
        writeAtomically(BundleFormat.RUN_JSON, withNewline(BundleFormat.runJsonWriter().writeValueAsBytes(m)));
        manifest = m;
    }

    /** Text files end with a newline, so that `cat`, `diff` and `wc -l` treat them as text. */
    private static byte[] withNewline(byte[] json) {
        byte[] bytes = Arrays.copyOf(json, json.length + 1);
        bytes[json.length] = '\n';
        return bytes;
    }

    private void writeAtomically(String fileName, byte[] bytes) throws IOException {
        Path target = dir.resolve(fileName);
        try {
            AtomicFiles.write(target, bytes, durability);
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("bundle " + dir + " is already finished or closed");
        }
    }

    static BundleException cannotWrite(Path path, IOException e) {
        if (e instanceof BundleException be) {
            return be;
        }
        String reason;
        if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            reason = "no such file or directory";
        } else if (e instanceof FileSystemException fse && fse.getReason() != null) {
            reason = fse.getReason();
        } else if (e.getMessage() != null) {
            reason = e.getMessage();
        } else {
            reason = e.getClass().getSimpleName();
        }
        return new BundleException("cannot write to " + path + ": " + reason, e);
    }
}
