package org.assay.harness.command;

import org.assay.harness.Main;
import org.assay.harness.UsageException;
import org.assay.results.BundleException;
import org.assay.results.BundleVerifier;
import org.assay.results.VerificationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code assay verify RUN}: checks every file of a bundle against its SHA256SUMS. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check a result bundle against its SHA256SUMS; name every file that does not match.")
public final class VerifyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", description = "The bundle directory.")
    Path run;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        VerificationReport report;
        try {
            report = BundleVerifier.verify(run);
        } catch (BundleException e) {
            throw new UsageException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        try {
            if (report.ok()) {
                out.println("OK " + run + ": every file matches SHA256SUMS");
                return Main.EXIT_OK;
            }
            report.problems().forEach(out::println);
            out.println("FAILED " + run + ": " + report.problems().size() + " problem(s)");
            return Main.EXIT_FAILED;
        } finally {
            out.flush();
        }
    }
}
