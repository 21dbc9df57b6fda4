package org.assay.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * File names, schema version and JSON settings of the result bundle, in one place so that the
 * writer, the reader and every tool that opens a bundle agree on them. The layout is described in
 * {@code docs/result-format.md}.
 */
public final class BundleFormat {

    /** Bumped when a field is renamed, removed or changes meaning; adding fields does not bump it. */
    public static final int SCHEMA_VERSION = 1;

    public static final String RUN_JSON = "run.json";
    public static final String RESULTS_JSONL = "results.jsonl";
    public static final String PROBES_CSV = "probes.csv";
    public static final String JMH_JSON = "jmh.json";
    public static final String SHA256SUMS = "SHA256SUMS";
    public static final String HISTOGRAMS_DIR = "histograms";
    public static final String HISTOGRAM_SUFFIX = ".hlog";
    /**
     * Detached signatures of SHA256SUMS (ssh-keygen's and GPG's usual names). They are made after
     * the sums, so the sums cannot list them; the verifier ignores them at the top level and
     * checks one only when asked ({@link SshSignatures}).
     */
    public static final java.util.Set<String> SIGNATURE_FILES = java.util.Set.of(SHA256SUMS + ".sig", SHA256SUMS + ".asc");
    /** Where an imported bundle keeps the tool's own output file it was made from. */
    public static final String SOURCE_DIR = "source";

    // Two instances from one recipe: the public one may be reconfigured by a careless caller,
    // the private one is what the bundle is written and read with, so it cannot be.
    private static final ObjectMapper PUBLIC_MAPPER = newMapper();
    private static final ObjectMapper BUNDLE_MAPPER = newMapper();
    private static final ObjectWriter RUN_JSON_WRITER = BUNDLE_MAPPER.writer(prettyPrinter());

    private static final Pattern UNSAFE_FILE_NAME_CHARS = Pattern.compile("[^A-Za-z0-9._-]");

    private BundleFormat() {
    }

    /**
     * The shared mapper with the bundle's settings: nulls are written explicitly (a missing value
     * must read as "unknown", never be confused with an absent field), NaN and infinities become
     * {@code null} (JSON has no NaN, and Jackson would otherwise write the string "NaN"), unknown
     * properties are ignored on read so that an older reader opens a newer minor addition, and the
     * output is compact (one object per line for {@code results.jsonl}). Times are ISO-8601
     * strings, since the java.time module is not on the class path. Do not reconfigure it; take a
     * {@code copy()} if you need different settings.
     */
    public static ObjectMapper mapper() {
        return PUBLIC_MAPPER;
    }

    /** The writer for {@code run.json}: the bundle mapper plus a pretty printer with '\n' line ends. */
    public static ObjectWriter runJsonWriter() {
        return RUN_JSON_WRITER;
    }

    /**
     * The file name {@link BundleWriter#histogramPath(String)} uses for a histogram: characters
     * other than letters, digits, '.', '_' and '-' become '_', a leading '.' becomes '_' (no hidden
     * files, no ".."), and ".hlog" is appended. Readers use it to find an invocation's histogram.
     */
    public static String histogramFileName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("histogram name must not be blank");
        }
        String base = name.endsWith(HISTOGRAM_SUFFIX)
                ? name.substring(0, name.length() - HISTOGRAM_SUFFIX.length())
                : name;
        String safe = UNSAFE_FILE_NAME_CHARS.matcher(base).replaceAll("_");
        if (safe.startsWith(".")) {
            safe = "_" + safe.substring(1);
        }
        return safe + HISTOGRAM_SUFFIX;
    }

    static ObjectMapper bundleMapper() {
        return BUNDLE_MAPPER;
    }

    private static ObjectMapper newMapper() {
        SimpleModule nonFinite = new SimpleModule("assay-non-finite-as-null");
        nonFinite.addSerializer(Double.class, NonFiniteAsNullSerializer.INSTANCE);
        nonFinite.addSerializer(Double.TYPE, NonFiniteAsNullSerializer.INSTANCE);
        nonFinite.addSerializer(Float.class, NonFiniteAsNullSerializer.FLOATS);
        nonFinite.addSerializer(Float.TYPE, NonFiniteAsNullSerializer.FLOATS);

        ObjectMapper m = new ObjectMapper();
        m.registerModule(nonFinite);
        m.setDefaultPropertyInclusion(JsonInclude.Include.ALWAYS);
        m.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        m.configure(SerializationFeature.INDENT_OUTPUT, false);
        m.configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);
        m.setLocale(Locale.ROOT);
        return m;
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        // The default indenter uses the platform line separator; a bundle must hash the same
        // wherever it is written, so '\n' is fixed here.
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter();
        printer.indentArraysWith(indenter);
        printer.indentObjectsWith(indenter);
        return printer;
    }
}
