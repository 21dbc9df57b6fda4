package org.assay.harness.command;

import com.fasterxml.jackson.databind.JsonNode;
import org.assay.analysis.judging.Acceptance;
import org.assay.analysis.judging.AcceptanceReport;
import org.assay.analysis.judging.InventoryCheck;
import org.assay.analysis.judging.JunitXml;
import org.assay.analysis.judging.LimitShare;
import org.assay.analysis.judging.OcptvOutput;
import org.assay.analysis.judging.RuleVerdict;
import org.assay.analysis.judging.RunMeasurements;
import org.assay.analysis.judging.Verdict;
import org.assay.harness.AssayVersion;
import org.assay.profiles.Profile;
import org.assay.results.Bundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code assay accept RUN --profile ID|FILE}: every acceptance rule and inventory check of the
 * profile against the run, with the verdict as the exit status. Inputs are all checked before
 * anything is written, and {@code --junit}/{@code --ocptv} files are written whole, so bad input
 * leaves no file behind.
 */
@Command(name = "accept", mixinStandardHelpOptions = true,
        description = {"Judge a run against a profile's acceptance rules and spec: pass, fail or inconclusive.",
                "Exit status: 0 every check passed; 1 a check failed; 3 nothing failed but something is inconclusive "
                        + "(an interval straddles a threshold, or a metric the profile needs was not measured); "
                        + "2 bad input (nothing written). See docs/scoring.md."})
public final class AcceptCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", description = "The bundle directory.")
    Path run;

    @Option(names = "--profile", required = true, paramLabel = "ID|FILE", description = "A shipped profile's id or a profile file.")
    String profileName;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the verdicts as JUnit XML.")
    Path junit;

    @Option(names = "--ocptv", paramLabel = "FILE", description = "Also write the verdicts as OCP Test & Validation 2.0 JSON lines.")
    Path ocptv;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        JudgeInputs.checkWritable(junit, "--junit");
        JudgeInputs.checkWritable(ocptv, "--ocptv");
        Profile profile = JudgeInputs.profile(profileName);
        Bundle bundle = JudgeInputs.verifiedBundle(run);
        RunMeasurements measured = JudgeInputs.compatible(bundle, profile);
        AcceptanceReport report = Acceptance.judge(run.toString(), measured, bundle.manifest().inventory(), profile);
        if (junit != null) {
            JudgeInputs.writeWhole(junit, JunitXml.write(report));
        }
        if (ocptv != null) {
            JsonNode cpu = bundle.manifest().inventory() == null ? null : bundle.manifest().inventory().path("cpu");
            OcptvOutput.RunInfo info = new OcptvOutput.RunInfo(bundle.manifest().host(),
                    cpu == null ? null : cpu.path("name").asText(null), cpu == null ? null : cpu.path("vendor").asText(null),
                    AssayVersion.current().describe(), "assay " + String.join(" ", CommandLineCapture.args()));
            JudgeInputs.writeWhole(ocptv, String.join("\n", OcptvOutput.lines(report, info, Clock.systemUTC())) + "\n");
        }
        List<LimitShare> shares = shares(measured, profile);
        if (output.json()) {
            output.printJson(new AcceptView(report.verdict().toString(), report.exitCode(), report, shares));
        } else {
            print(output.out(), report, profile, shares);
        }
        return report.exitCode();
    }

    /** What {@code --json} prints: the overall verdict, the exit status it gives, every check, and the measured values as shares of their limits. */
    record AcceptView(String verdict, int exitCode, AcceptanceReport report, List<LimitShare> limitShares) {
    }

    /** Every measured value a limit of the profile's spec bounds, as a share of it. */
    static List<LimitShare> shares(RunMeasurements measured, Profile profile) {
        return measured.all().stream().map(m -> LimitShare.of(m, profile)).flatMap(java.util.Optional::stream).toList();
    }

    static void print(PrintWriter out, AcceptanceReport r, Profile profile, List<LimitShare> shares) {
        out.println(r.run() + " against " + profile.id() + " (" + profile.kind() + ")");
        out.println();
        if (r.rules().isEmpty()) {
            out.println("Rules: none applies to this run");
        } else {
            out.println("Rules:");
            TextTable t = new TextTable("  ");
            t.row("verdict", "metric", "measured (99.9%)", "threshold", "margin", "rule");
            for (RuleVerdict v : r.rules()) {
                String measured = v.measured() == null ? "-" : Acceptance.describeValue(v.measured());
                String threshold = v.threshold() == null ? "-" : v.bound() + " " + num(v.threshold());
                String margin = v.margin() == null ? "-" : String.format(Locale.ROOT, "%+.1f%%", v.margin() * 100);
                t.row(v.verdict().toString().toUpperCase(Locale.ROOT), v.key(), measured, threshold, margin, v.rule());
            }
            t.print(out);
            r.rules().stream().filter(v -> v.verdict() != Verdict.PASS)
                    .forEach(v -> out.println("  " + v.key() + ": " + v.verdict() + ": " + v.message()));
        }
        out.println();
        if (!shares.isEmpty()) {
            out.println("Share of the spec's limits:");
            shares.forEach(s -> out.println("  " + s.describe()));
            out.println();
        }
        List<InventoryCheck> inv = r.inventory();
        if (!inv.isEmpty()) {
            out.println("Inventory against the spec:");
            TextTable t = new TextTable("  ");
            t.row("verdict", "check", "spec", "machine");
            inv.forEach(c -> t.row(c.verdict().toString().toUpperCase(Locale.ROOT), c.name(), c.expected(),
                    c.measured() == null ? "-" : c.measured()));
            t.print(out);
            inv.stream().filter(c -> c.measured() == null).forEach(c -> out.println("  " + c.name() + ": " + c.message()));
            out.println();
        }
        out.println("Verdict: " + r.verdict().toString().toUpperCase(Locale.ROOT) + " (" + r.count(Verdict.PASS)
                + " pass, " + r.count(Verdict.FAIL) + " fail, "
                + r.count(Verdict.INCONCLUSIVE) + " inconclusive, "
                + r.count(Verdict.NOT_CHECKED) + " not checked); exit status " + r.exitCode());
        out.flush();
    }

    private static String num(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
