package org.assay.harness.command;

import org.assay.analysis.DisturbedIterations;
import org.assay.analysis.ForkAwareInterval;
import org.assay.results.InvocationResult;
import org.assay.results.Status;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryPrecisionTest {

    private static InvocationResult result(String metric, List<List<Double>> forks, String precision) {
        ForkAwareInterval iv = ForkAwareInterval.of(forks);
        Map<String, Object> interval = new LinkedHashMap<>(iv.toMap());
        interval.put("precision", precision);
        List<Double> all = new ArrayList<>();
        forks.forEach(all::addAll);
        return InvocationResult.builder().invocationId(metric).metric(metric).threads(1).unit("ns")
                .score(iv.mean()).scoreError(iv.halfWidth()).samples(all).status(Status.ok)
                .interval(interval).disturbed(DisturbedIterations.find(forks, List.of()).toMap()).build();
    }

    @Test
    void theSummaryMarksWithinForkIntervalsANoisyHostDisturbedIterationsAndTheTargetsOutcome() {
        StringWriter s = new StringWriter();
        List<InvocationResult> rs = List.of(
                // one fork, spread 1.4826 x 20 / 100 = 30%: noisy throughout
                result("a.noisy", List.of(List.of(100.0, 130.0, 80.0, 120.0, 90.0)), null),
                // two forks, one outlier, a target not reached
                result("b.quiet", List.of(List.of(10.0, 10.1, 9.9, 10.0, 10.0), List.of(20.0, 20.1, 19.9, 20.0, 27.0)),
                        "not reached: budget spent"));
        SummaryPrinter.print(new PrintWriter(s), rs);
        String out = s.toString();
        String noisyRow = out.lines().filter(l -> l.startsWith("a.noisy")).findFirst().orElseThrow();
        String quietRow = out.lines().filter(l -> l.startsWith("b.quiet")).findFirst().orElseThrow();
        assertTrue(noisyRow.matches(".*\\d\\* +ns.*"), "within one fork: marked\n" + out);
        assertFalse(quietRow.contains("*"), "across forks: not marked\n" + out);
        assertTrue(out.contains("noisy host: 1 of 2 result(s) spread more than 5% across iterations"), out);
        assertTrue(out.contains("widest 29.7%, a.noisy"), out);
        // b: fork means 10 and 21.4 -> 15.7 with the outlier, 10 and 20 -> 15 without
        assertTrue(out.contains("disturbed: b.quiet threads=1: 1 of 10 iteration(s)"), out);
        assertTrue(out.contains("score 15.7 with them, 15 without"), out);
        assertTrue(out.contains("precision: b.quiet threads=1: not reached: budget spent"), out);
        assertFalse(out.contains("precision: a.noisy"), "no target, no line\n" + out);
    }
}
