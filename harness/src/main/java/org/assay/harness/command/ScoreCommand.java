package org.assay.harness.command;

import org.assay.analysis.judging.LimitShare;
import org.assay.analysis.judging.RunMeasurements;
import org.assay.analysis.judging.ScoreReport;
import org.assay.analysis.judging.Scoring;
import org.assay.harness.Main;
import org.assay.harness.UsageException;
import org.assay.profiles.Profile;
import org.assay.results.Bundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code assay score RUN --profile ID|FILE}: the run against the profile's expected results
 * (ratios, geometric means per category and overall, the profile = 1000, with 99.9% intervals),
 * the expected metrics the run lacks, and every measured value as a share of its spec limit. A
 * spec-only profile has no expected results, so the shares are all there is, and they lead.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Score a run against a profile: 1000 = the profile; each figure as a share of its spec limit.",
                "Exit status: 0 scored, 2 bad input (profile, bundle, or the two do not fit). See docs/scoring.md."})
public final class ScoreCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", description = "The bundle directory.")
    Path run;

    @Option(names = "--profile", required = true, paramLabel = "ID|FILE", description = "A shipped profile's id or a profile file.")
    String profileName;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        Profile profile = JudgeInputs.profile(profileName);
        Bundle bundle = JudgeInputs.verifiedBundle(run);
        RunMeasurements measured = JudgeInputs.compatible(bundle, profile);
        ScoreReport report = Scoring.score(measured, profile);
        if (!report.hasScore() && report.limitShares().isEmpty() && report.limitsNotDerived().isEmpty()) {
            throw new UsageException("nothing to score: profile " + profile.id() + " expects none of the run's metrics"
                    + " and its spec gives no limit for them (assay profile show " + profile.id() + ")");
        }
        if (output.json()) {
            output.printJson(report);
            return Main.EXIT_OK;
        }
        print(output.out(), report, profile);
        return Main.EXIT_OK;
    }

    private void print(PrintWriter out, ScoreReport r, Profile profile) {
        out.println(run + " against " + profile.id() + " (" + profile.kind() + ")");
        out.println();
        if (!r.hasScore()) {
            out.println(profile.id() + " has no expected results (spec only): each figure as a share of its limit.");
            shares(out, r);
        } else {
            out.println("Score (" + profile.id() + " = 1000; 99.9% interval):");
            TextTable t = new TextTable("  ");
            t.row("category", "score", "interval", "metrics");
            r.categories().forEach(c -> t.row(c.category(), fmt(c.score()), interval(c), c.count()));
            if (r.overall() != null) {
                t.row("overall", fmt(r.overall().score()), interval(r.overall()), r.overall().count() + " categories");
            }
            t.print(out);
            out.println();
            out.println("Per metric (ratio > 1 is better than the profile):");
            TextTable m = new TextTable("  ");
            m.row("metric", "measured", "expected", "ratio");
            r.metrics().forEach(s -> m.row(s.key(), num(s.measured().value()) + " " + s.measured().unit(),
                    num(s.expected().value()) + " " + s.expected().unit(),
                    String.format(Locale.ROOT, "%.3f", s.ratio()) + (s.measured().higherIsBetter() ? "" : " (lower is better)")));
            m.print(out);
            if (!r.limitShares().isEmpty() || !r.limitsNotDerived().isEmpty()) {
                out.println();
                out.println("Share of the spec's limits:");
                shares(out, r);
            }
        }
        if (!r.missing().isEmpty()) {
            out.println();
            out.println("Expected by the profile, not measured (not in any score):");
            TextTable t = new TextTable("  ");
            r.missing().forEach(x -> t.row(x.key(), x.why()));
            t.print(out);
        }
        out.flush();
    }

    private static void shares(PrintWriter out, ScoreReport r) {
        if (r.limitShares().isEmpty()) {
            out.println("  (no measured metric has a limit in this spec)");
        }
        r.limitShares().stream().map(LimitShare::describe).forEach(l -> out.println("  " + l));
        r.limitsNotDerived().forEach(n -> out.println("  " + n.key() + ": no share, " + n.limit() + " is not derived ("
                + n.why() + ")"));
    }

    private static String interval(ScoreReport.CategoryScore c) {
        return c.low() == null ? "unknown" : fmt(c.low()) + "-" + fmt(c.high());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String num(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
