package org.assay.harness;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code assay verify --allowed-signers}: a real key and signature made by ssh-keygen, as the docs say to. */
class VerifySignatureCliTest {

    @TempDir
    Path tmp;

    private Path bundle;
    private Path allowed;

    private void sh(String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + out);
    }

    @BeforeEach
    void signedBundle() throws Exception {
        boolean onPath = false;
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            onPath |= Files.isExecutable(Path.of(d, "ssh-keygen"));
        }
        assumeTrue(onPath, "ssh-keygen is not on PATH: install openssh-client to test bundle signatures");
        bundle = JudgeBundles.write(tmp.resolve("bundle"), JudgeBundles.results(10, 80));
        sh("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "lab", "-f", tmp.resolve("key").toString());
        String[] pub = Files.readString(tmp.resolve("key.pub")).strip().split(" ");
        allowed = Files.writeString(tmp.resolve("allowed_signers"),
                "lab@example.com namespaces=\"assay-bundle\" " + pub[0] + " " + pub[1] + "\n");
        sh("ssh-keygen", "-q", "-Y", "sign", "-n", "assay-bundle", "-f", tmp.resolve("key").toString(),
                bundle.resolve("SHA256SUMS").toString());
    }

    @Test
    void aSignedBundleVerifiesAndNamesItsSigner() {
        CliCapture c = CliCapture.run("verify", bundle.toString(), "--allowed-signers", allowed.toString());
        assertEquals(0, c.exitCode(), c.out() + c.err());
        assertTrue(c.out().contains("Good \"assay-bundle\" signature for lab@example.com"), c.out());
        assertEquals("", c.err());
    }

    @Test
    void resummedFilesFailOnTheSignatureAlone() throws Exception {
        // a forger edits a score to a plausible number and recomputes SHA256SUMS: checksums and
        // schemas pass, only the signature can tell
        JudgeBundles.edit(bundle, "\"score\":10.0", "\"score\":12.5", true);
        CliCapture c = CliCapture.run("verify", bundle.toString(), "--allowed-signers", allowed.toString(),
                "--identity", "lab@example.com");
        assertEquals(1, c.exitCode(), c.out() + c.err());
        assertTrue(c.out().contains("SIGNATURE signature " + bundle.resolve("SHA256SUMS.sig") + " does not verify"), c.out());
        assertEquals(1, c.err().strip().lines().count(), c.err());
        assertEquals(0, CliCapture.run("verify", bundle.toString()).exitCode(), "without the signature it passes");
    }
}
