package org.assay.harness.command;

import org.assay.analysis.compare.CompareInputException;
import org.assay.analysis.compare.CompareSettings;
import org.assay.analysis.compare.Comparison;
import org.assay.analysis.compare.ComparisonMarkdown;
import org.assay.analysis.compare.ComparisonResult;
import org.assay.analysis.compare.ComparisonTable;
import org.assay.analysis.compare.RunColumn;
import org.assay.analysis.compare.VerifiedBundles;
import org.assay.harness.Main;
import org.assay.harness.UsageException;
import org.assay.profiles.ProfileException;
import org.assay.profiles.ProfileLibrary;
import org.assay.profiles.VendorSpec;
import org.assay.results.Bundle;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code assay compare RUN...}: every shared metric against a baseline, with intervals and a corrected test. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare runs metric by metric with a baseline: ratio with its 95%% interval, Welch's test "
                + "with Holm's correction, a verdict, the winner per metric and category, geometric means, "
                + "performance per dollar. Runs of one machine class form one column.")
public final class CompareCommand implements Callable<Integer> {

    private static final Pattern PERCENT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)%?");
    private static final Pattern PRICE = Pattern.compile("\\$?([0-9]+(?:\\.[0-9]+)?)(?:/h)?");

    @Parameters(paramLabel = "RUN", arity = "1..*", description = "Bundle directories (verified before use).")
    List<Path> runs;

    @Option(names = "--baseline", paramLabel = "RUN",
            description = "The run whose column the others are compared with (default: the first RUN).")
    Path baseline;

    @Option(names = "--noise", paramLabel = "PCT", defaultValue = "2%",
            description = "A significant difference smaller than this is 'no meaningful change' (default: 2%%).")
    String noise;

    @Option(names = "--price", paramLabel = "NAME=USD/h",
            description = "Price per hour of a column (its run directory or machine name), e.g. --price m7i.large=0.1008, "
                    + "or a profile's price, e.g. --price box=aws-m7i.2xlarge; gives performance per dollar (repeatable).")
    List<String> prices = new ArrayList<>();

    @Option(names = "--no-group", description = "Give every run its own column, even runs of one machine class.")
    boolean noGroup;

    @ArgGroup(exclusive = true)
    Format format = new Format();

    static final class Format {
        @Option(names = "--csv", description = "One row per metric and column, every figure as a number.")
        boolean csv;
        @Option(names = "--markdown", description = "A markdown table, for a pull request or a wiki.")
        boolean markdown;
    }

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        if (output.json() && (format.csv || format.markdown)) {
            throw new UsageException("--json and --" + (format.csv ? "csv" : "markdown") + ": choose one output format");
        }
        double noiseFraction = noiseFraction(noise);
        List<Path> all = new ArrayList<>();
        if (baseline != null && runs.stream().noneMatch(r -> same(r, baseline))) {
            all.add(baseline);
        }
        all.addAll(runs);
        ComparisonResult result;
        try {
            List<Bundle> bundles = VerifiedBundles.readAll(all);
            List<RunColumn> columns = RunColumn.of(bundles, !noGroup);
            RunColumn base = baseline == null ? columns.get(0)
                    : columns.stream().filter(c -> c.contains(baseline)).findFirst().orElseThrow();
            CompareSettings settings = new CompareSettings(noiseFraction, 0.05, 0.95, prices(prices, columns));
            result = Comparison.compare(columns, base, settings);
        } catch (CompareInputException e) {
            throw new UsageException(e.getMessage());
        }
        PrintWriter out = output.out();
        if (output.json()) {
            output.printJson(result);
            return Main.EXIT_OK;
        }
        if (format.csv) {
            StringWriter w = new StringWriter();
            ComparisonTable.long_(result).write().csv(w);
            out.print(w);
        } else if (format.markdown) {
            out.print(ComparisonMarkdown.of(result));
        } else {
            printText(out, result);
        }
        out.flush();
        return Main.EXIT_OK;
    }

    private static void printText(PrintWriter out, ComparisonResult r) {
        out.println("Baseline: " + r.baseline() + "   columns: " + String.join(", ", r.columns()));
        TextTable t = new TextTable("").alignRight(2, 3, 4, 6, 8);
        t.row(ComparisonTable.DISPLAY_HEADER.toArray());
        for (List<String> row : ComparisonTable.display(r)) {
            t.row(row.toArray());
        }
        t.lines().forEach(l -> out.println(l.stripTrailing()));
        out.println();
        out.println("Geometric means of the ratios (above 1 is better than the baseline), 95% interval:");
        ComparisonTable.categories(r).forEach(l -> out.println("  " + l));
        if (!r.warnings().isEmpty()) {
            out.println("Measured under warnings (a loaded or misconfigured host makes runs of one machine differ):");
            r.warnings().forEach(l -> out.println("  " + l));
        }
        if (!r.notes().isEmpty()) {
            out.println("Whole-machine rows (threads=all):");
            r.notes().forEach(l -> out.println("  " + l));
        }
        if (!r.skipped().isEmpty()) {
            out.println("Not compared:");
            r.skipped().forEach(l -> out.println("  " + l));
        }
        out.println("(" + ComparisonMarkdown.method(r) + " * = winner.)");
    }

    /**
     * Each {@code NAME=USD/h} (or {@code NAME=PROFILE}, a profile with a price per hour) resolved to
     * the column NAME names; a name not among the runs is refused.
     */
    static Map<String, Double> prices(List<String> prices, List<RunColumn> columns) {
        Map<String, Double> byColumn = new LinkedHashMap<>();
        for (String p : prices) {
            int eq = p.lastIndexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                throw new UsageException("--price " + p + ": give NAME=USD per hour or NAME=PROFILE, "
                        + "e.g. --price m7i.large=0.1008 or --price box=aws-m7i.2xlarge");
            }
            String name = p.substring(0, eq).strip();
            String value = p.substring(eq + 1).strip();
            Matcher m = PRICE.matcher(value);
            double perHour;
            if (m.matches()) {
                perHour = Double.parseDouble(m.group(1));
                if (!(perHour > 0)) {
                    throw new UsageException("--price " + p + ": a price per hour must be above 0");
                }
            } else {
                perHour = profilePrice(p, value);
            }
            RunColumn col = columns.stream().filter(c -> c.answersTo(name)).findFirst()
                    .orElseThrow(() -> new UsageException("--price " + p + ": " + name + " is not among the runs; "
                            + "name a column, a run directory or a machine: "
                            + String.join(", ", columns.stream().map(RunColumn::name).toList())));
            byColumn.put(col.name(), perHour);
        }
        return byColumn;
    }

    private static double profilePrice(String option, String id) {
        ProfileLibrary library = ProfileCommand.shipped();
        if (!library.contains(id)) {
            throw new UsageException("--price " + option + ": " + id + " is neither a price (e.g. 0.1008) nor a "
                    + "profile; assay profile list shows the shipped ones");
        }
        try {
            VendorSpec spec = library.resolve(id).spec();
            if (spec == null || spec.price() == null || spec.price().perHour() == null) {
                throw new UsageException("--price " + option + ": profile " + id + " states no price per hour; "
                        + "give one, e.g. --price NAME=0.1008");
            }
            return spec.price().perHour();
        } catch (ProfileException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static double noiseFraction(String text) {
        Matcher m = PERCENT.matcher(text.strip());
        double p = m.matches() ? Double.parseDouble(m.group(1)) : Double.NaN;
        if (!(p >= 0 && p < 100)) {
            throw new UsageException("--noise " + text + ": give a relative difference from 0% to below 100%, e.g. --noise 2%");
        }
        return p / 100;
    }

    private static boolean same(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
