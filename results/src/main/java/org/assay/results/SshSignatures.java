package org.assay.results;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Checks a detached signature of a bundle's {@code SHA256SUMS} with OpenSSH's own tool, so no
 * cryptography is written here: the signature is made with
 * {@code ssh-keygen -Y sign -n assay-bundle -f KEY SHA256SUMS} (which writes SHA256SUMS.sig) and
 * checked with {@code ssh-keygen -Y verify} against an allowed-signers file (ssh-keygen(1),
 * ALLOWED SIGNERS). Signing the sums signs every file they list. The namespace
 * {@value #NAMESPACE} keeps a signature made for something else (a git commit, a file) from
 * passing as one of a bundle.
 */
public final class SshSignatures {

    /** The {@code -n} namespace of a bundle signature. */
    public static final String NAMESPACE = "assay-bundle";

    private static final long TIMEOUT_SECONDS = 30;

    /**
     * @param good      whether ssh-keygen accepted the signature
     * @param principal who signed, as the allowed-signers file names them; null when none matched
     * @param message   one line: ssh-keygen's own verdict ("Good "assay-bundle" signature for ...") or why not
     */
    public record Outcome(boolean good, String principal, String message) {
    }

    private SshSignatures() {
    }

    /**
     * Verifies {@code signature} over {@code sums}. With {@code identity} null, the principals
     * of the allowed-signers file whose key made the signature are looked up first
     * ({@code ssh-keygen -Y find-principals}); each is then tried with {@code -Y verify}.
     *
     * @throws BundleException when a file is missing or unreadable or ssh-keygen is not installed:
     *                         bad input, not a bad signature
     */
    public static Outcome verify(Path sums, Path signature, Path allowedSigners, String identity) throws IOException {
        requireFile(allowedSigners, "--allowed-signers");
        requireFile(signature, "--signature");
        String keygen = sshKeygen();
        List<String> principals = new ArrayList<>();
        if (identity != null) {
            principals.add(identity);
        } else {
            Result found = run(sums, List.of(keygen, "-Y", "find-principals", "-s", abs(signature), "-f", abs(allowedSigners)),
                    false);
            if (found.status != 0) {
                return new Outcome(false, null, "signature " + signature + " was not made by any key in " + allowedSigners
                        + explain(found));
            }
            found.stdout.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(principals::add);
        }
        Result last = null;
        for (String principal : principals) {
            last = run(sums, List.of(keygen, "-Y", "verify", "-f", abs(allowedSigners), "-I", principal, "-n", NAMESPACE,
                    "-s", abs(signature)), true);
            if (last.status == 0) {
                String said = firstLine(last.stdout + "\n" + last.stderr);
                return new Outcome(true, principal, said.isEmpty() ? "good signature by " + principal : said);
            }
        }
        return new Outcome(false, null, "signature " + signature + " does not verify for "
                + String.join(", ", principals) + " in namespace " + NAMESPACE + (last == null ? "" : explain(last)));
    }

    private record Result(int status, String stdout, String stderr) {
    }

    /** Runs ssh-keygen, with {@code sums} on standard input when {@code feedSums}; no shell is involved. */
    private static Result run(Path sums, List<String> command, boolean feedSums) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectInput(feedSums ? ProcessBuilder.Redirect.from(sums.toFile()) : ProcessBuilder.Redirect.from(devNull()));
        Path out = Files.createTempFile("assay-ssh-keygen", ".out");
        Path err = Files.createTempFile("assay-ssh-keygen", ".err");
        try {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            try {
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new BundleException(String.join(" ", command.subList(0, 3)) + " did not finish in "
                            + TIMEOUT_SECONDS + " s");
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new BundleException("interrupted while checking the signature");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static File devNull() {
        return new File(File.separatorChar == '\\' ? "NUL" : "/dev/null");
    }

    private static String explain(Result r) {
        String said = firstLine(r.stderr + "\n" + r.stdout);
        return said.isEmpty() ? "" : " (ssh-keygen: " + said + ")";
    }

    private static String firstLine(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }

    /** An absolute path, so that a file name starting with '-' cannot read as an option. */
    private static String abs(Path p) {
        return p.toAbsolutePath().toString();
    }

    private static void requireFile(Path file, String option) throws BundleException {
        if (!Files.isRegularFile(file)) {
            throw new BundleException(option + " " + file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            throw new BundleException(option + " " + file + ": not readable");
        }
    }

    /** ssh-keygen on the PATH, or a refusal that says how to get it. */
    static String sshKeygen() throws BundleException {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                for (String name : List.of("ssh-keygen", "ssh-keygen.exe")) {
                    Path p = Path.of(d.isEmpty() ? "." : d, name);
                    if (Files.isExecutable(p)) {
                        return p.toString();
                    }
                }
            }
        }
        throw new BundleException("ssh-keygen is not on PATH: install OpenSSH 8.1 or later (Debian: openssh-client) "
                + "to check bundle signatures, or check a GPG signature with gpg --verify (docs/result-format.md)");
    }
}
