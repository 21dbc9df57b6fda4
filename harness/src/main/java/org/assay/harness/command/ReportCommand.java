package org.assay.harness.command;

import org.assay.analysis.compare.CompareInputException;
import org.assay.analysis.compare.CompareSettings;
import org.assay.analysis.compare.Comparison;
import org.assay.analysis.compare.ComparisonResult;
import org.assay.analysis.compare.RunColumn;
import org.assay.analysis.compare.VerifiedBundles;
import org.assay.analysis.report.HtmlReport;
import org.assay.analysis.report.MarkdownReport;
import org.assay.analysis.report.ReportRun;
import org.assay.harness.Main;
import org.assay.harness.UsageException;
import org.assay.profiles.ProfileException;
import org.assay.profiles.ProfileLibrary;
import org.assay.profiles.SpecLimits;
import org.assay.results.Bundle;
import org.assay.results.BundleFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code assay report RUN|DIR... --out FILE.html|FILE.md}: one page for people, from verified bundles. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write one self-contained HTML page (or markdown) for runs: machine, environment warnings, "
                + "every figure with its interval and share of the spec limit, charts, probes, how to reproduce, "
                + "the bundle checksum; with several runs, their comparison.")
public final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN|DIR", arity = "1..*",
            description = "Bundle directories, or directories holding bundles (each verified before use).")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "The page to write: FILE.html (self-contained, opens with no network) or FILE.md.")
    Path out;

    @Option(names = "--baseline", paramLabel = "RUN", description = "The comparison's baseline (default: the first run).")
    Path baseline;

    @Option(names = "--noise", paramLabel = "PCT", defaultValue = "2%",
            description = "A significant difference smaller than this is 'no meaningful change' (default: 2%%).")
    String noise;

    @Option(names = "--price", paramLabel = "NAME=USD/h", description = "Price per hour of a run or machine (repeatable).")
    List<String> prices = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "ID|FILE",
            description = "A profile whose spec limits give each figure's share (FP64 peak, DRAM bandwidth...).")
    String profile;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean html = name.endsWith(".html") || name.endsWith(".htm");
        if (!html && !name.endsWith(".md")) {
            throw new UsageException("--out " + out + ": name a .html or .md file, e.g. --out report.html");
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
            throw new UsageException("--out " + out + ": " + parent + " is not a writable directory");
        }
        if (Files.isDirectory(out)) {
            throw new UsageException("--out " + out + " is a directory: name a file, e.g. " + out.resolve("report.html"));
        }
        SpecLimits limits = profile == null ? null : limits(profile);
        double noiseFraction = CompareCommand.noiseFraction(noise);

        List<Path> dirs = new ArrayList<>();
        for (Path in : inputs) {
            dirs.addAll(bundlesIn(in));
        }
        List<ReportRun> runs = new ArrayList<>();
        ComparisonResult comparison = null;
        try {
            List<Bundle> bundles = VerifiedBundles.readAll(dirs);
            for (int i = 0; i < bundles.size(); i++) {
                runs.add(ReportRun.of(i, bundles.get(i)));
            }
            if (bundles.size() > 1 || baseline != null || !prices.isEmpty()) {
                comparison = comparison(bundles, noiseFraction);
            }
        } catch (CompareInputException e) {
            throw new UsageException(e.getMessage());
        }
        String page = html ? HtmlReport.render(runs, comparison, limits) : MarkdownReport.render(runs, comparison, limits);
        write(page);
        output.out().println("wrote " + out + " (" + runs.size() + " run(s)"
                + (comparison == null ? "" : ", compared with " + comparison.baseline()) + ")");
        output.out().flush();
        return Main.EXIT_OK;
    }

    private ComparisonResult comparison(List<Bundle> bundles, double noiseFraction) throws CompareInputException {
        List<RunColumn> columns = RunColumn.of(bundles, true);
        if (columns.size() < 2) {
            columns = RunColumn.of(bundles, false);
        }
        if (columns.size() < 2) {
            if (!prices.isEmpty() || baseline != null) {
                throw new UsageException("--price and --baseline need two or more runs to compare");
            }
            return null;
        }
        RunColumn base = columns.get(0);
        if (baseline != null) {
            base = columns.stream().filter(c -> c.contains(baseline)).findFirst()
                    .orElseThrow(() -> new UsageException("--baseline " + baseline + " is not among the runs"));
        }
        CompareSettings settings = new CompareSettings(noiseFraction, 0.05, 0.95,
                CompareCommand.prices(prices, columns));
        return Comparison.compare(columns, base, settings);
    }

    /** A bundle (has run.json), or a directory whose sub-directories holding run.json are bundles, in name order. */
    private static List<Path> bundlesIn(Path in) throws IOException {
        if (Files.isRegularFile(in.resolve(BundleFormat.RUN_JSON)) || !Files.isDirectory(in)) {
            return List.of(in);
        }
        try (Stream<Path> s = Files.list(in)) {
            List<Path> found = s.filter(p -> Files.isRegularFile(p.resolve(BundleFormat.RUN_JSON))).sorted().toList();
            if (found.isEmpty()) {
                throw new UsageException(in + " is neither a bundle nor a directory of bundles (no run.json in it or "
                        + "its sub-directories)");
            }
            return found;
        }
    }

    private static SpecLimits limits(String target) {
        try {
            ProfileLibrary library = ProfileCommand.shipped();
            String id = target;
            if (target.endsWith(".yaml") || target.endsWith(".yml") || target.contains("/")) {
                Path file = Path.of(target);
                if (!Files.isRegularFile(file)) {
                    throw new UsageException("--profile " + target + ": no such file");
                }
                id = library.addFile(file);
            } else if (!library.contains(target)) {
                throw new UsageException("--profile " + target + ": unknown profile; assay profile list shows the shipped ones");
            }
            return library.resolve(id).limits();
        } catch (ProfileException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Written to a temporary file beside the target and moved into place: never a half-written page. */
    private void write(String page) {
        Path target = out.toAbsolutePath();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            Files.writeString(tmp, page, StandardCharsets.UTF_8);
            // A temporary file is private (0600); a report is meant to be shared like any file.
            if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                if (tmp != null) {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException ignored) {
                // the original failure is the one to report
            }
            throw new UsageException("--out " + out + ": cannot write (" + e.getMessage() + ")");
        }
    }
}
