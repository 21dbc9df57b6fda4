package org.assay.harness.command;

import org.assay.harness.Main;
import org.assay.harness.UsageException;
import org.assay.results.BundleException;
import org.assay.results.BundleFormat;
import org.assay.results.BundleVerifier;
import org.assay.results.SshSignatures;
import org.assay.results.VerificationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code assay verify RUN [--allowed-signers FILE [--signature FILE] [--identity NAME]]}: checks
 * every file of a bundle against its SHA256SUMS, refuses symbolic links, checks run.json and
 * results.jsonl against their schemas, and, when asked, a detached ssh signature of SHA256SUMS.
 * Each problem is a line on stdout; stderr gets one line saying it failed and the first problem.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check a result bundle: every file against SHA256SUMS (changed, missing, added, symbolic links), "
                + "run.json and results.jsonl against their JSON Schemas, and optionally an ssh signature of SHA256SUMS.")
public final class VerifyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", description = "The bundle directory.")
    Path run;

    @Option(names = "--allowed-signers", paramLabel = "FILE",
            description = "Check a signature of SHA256SUMS made with 'ssh-keygen -Y sign -n assay-bundle' against this "
                    + "allowed-signers file (ssh-keygen(1), ALLOWED SIGNERS).")
    Path allowedSigners;

    @Option(names = "--signature", paramLabel = "FILE",
            description = "The signature file (default: RUN/SHA256SUMS.sig). Needs --allowed-signers.")
    Path signature;

    @Option(names = "--identity", paramLabel = "NAME",
            description = "The principal that must have signed (default: any principal of --allowed-signers whose key did).")
    String identity;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (allowedSigners == null && (signature != null || identity != null)) {
            throw new UsageException((signature != null ? "--signature" : "--identity")
                    + " needs --allowed-signers FILE: the keys a signature is checked against");
        }
        VerificationReport report;
        SshSignatures.Outcome signed = null;
        try {
            report = BundleVerifier.verify(run);
            if (allowedSigners != null) {
                Path sig = signature != null ? signature : run.resolve(BundleFormat.SHA256SUMS + ".sig");
                Path sums = run.resolve(BundleFormat.SHA256SUMS);
                if (!Files.isRegularFile(sums)) {
                    throw new UsageException(run + ": no " + BundleFormat.SHA256SUMS + " to check a signature of"
                            + " (the bundle was not finished)");
                }
                if (signature == null && Files.isRegularFile(allowedSigners) && !Files.isRegularFile(sig)) {
                    throw new UsageException("no signature to check: " + sig + " does not exist; sign with 'ssh-keygen -Y "
                            + "sign -n " + SshSignatures.NAMESPACE + " -f KEY " + sums + "' or give --signature FILE");
                }
                signed = SshSignatures.verify(sums, sig, allowedSigners, identity);
            }
        } catch (BundleException e) {
            throw new UsageException(e.getMessage());
        }
        List<String> problems = new ArrayList<>(report.problems());
        if (signed != null && !signed.good()) {
            problems.add("SIGNATURE " + signed.message());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (problems.isEmpty()) {
                out.println("OK " + run + ": every file matches SHA256SUMS, run.json and results.jsonl match their schemas"
                        + (signed != null ? "; " + signed.message() : ""));
                return Main.EXIT_OK;
            }
            problems.forEach(out::println);
            out.println("FAILED " + run + ": " + problems.size() + " problem(s)");
            err.println(spec.qualifiedName() + ": " + run + " fails verification: " + problems.get(0)
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more, listed above)" : ""));
            return Main.EXIT_FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
