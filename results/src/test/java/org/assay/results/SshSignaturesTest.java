package org.assay.results;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Real keys made by ssh-keygen, real signatures made with it, checked through {@link SshSignatures}. */
class SshSignaturesTest {

    @TempDir
    Path tmp;

    private Path bundle;
    private Path sums;

    static boolean hasSshKeygen() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, "ssh-keygen"))) {
                return true;
            }
        }
        return false;
    }

    @BeforeEach
    void bundleAndTool() throws IOException {
        assumeTrue(hasSshKeygen(), "ssh-keygen is not on PATH: install openssh-client to test bundle signatures");
        bundle = GoldenBundle.write(tmp.resolve("run"));
        sums = bundle.resolve(BundleFormat.SHA256SUMS);
    }

    static String sh(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " hung");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
        return out;
    }

    /** An ed25519 key pair under {@code tmp/name}, and the allowed-signers line for it. */
    static String key(Path tmp, String name, String principal) throws Exception {
        sh(tmp, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", principal, "-f", tmp.resolve(name).toString());
        String pub = Files.readString(tmp.resolve(name + ".pub")).strip();
        String[] parts = pub.split(" ");
        return principal + " namespaces=\"" + SshSignatures.NAMESPACE + "\" " + parts[0] + " " + parts[1] + "\n";
    }

    static Path sign(Path tmp, String key, Path file, String namespace) throws Exception {
        sh(tmp, "ssh-keygen", "-q", "-Y", "sign", "-n", namespace, "-f", tmp.resolve(key).toString(), file.toString());
        return Path.of(file + ".sig");
    }

    @Test
    void aGoodSignatureNamesItsSigner() throws Exception {
        Path allowed = Files.writeString(tmp.resolve("allowed_signers"), key(tmp, "alice", "alice@example.com"));
        Path sig = sign(tmp, "alice", sums, SshSignatures.NAMESPACE);

        SshSignatures.Outcome o = SshSignatures.verify(sums, sig, allowed, null);

        assertTrue(o.good(), o.message());
        assertEquals("alice@example.com", o.principal());
        assertTrue(o.message().startsWith("Good \"assay-bundle\" signature for alice@example.com"), o.message());
        assertTrue(SshSignatures.verify(sums, sig, allowed, "alice@example.com").good());
    }

    @Test
    void sumsChangedAfterSigningFail() throws Exception {
        Path allowed = Files.writeString(tmp.resolve("allowed_signers"), key(tmp, "alice", "alice@example.com"));
        Path sig = sign(tmp, "alice", sums, SshSignatures.NAMESPACE);
        Files.writeString(sums, Files.readString(sums).replaceFirst("^.", "0"));

        SshSignatures.Outcome o = SshSignatures.verify(sums, sig, allowed, null);

        assertFalse(o.good());
        assertTrue(o.message().startsWith("signature " + sig + " does not verify for alice@example.com"), o.message());
    }

    @Test
    void aSignatureMadeForAnotherNamespaceFails() throws Exception {
        // the same key signing the same bytes for, say, git: must not pass as a bundle signature
        Path allowed = Files.writeString(tmp.resolve("allowed_signers"), key(tmp, "alice", "alice@example.com")
                .replace("namespaces=\"assay-bundle\" ", ""));
        Path sig = sign(tmp, "alice", sums, "git");

        SshSignatures.Outcome o = SshSignatures.verify(sums, sig, allowed, "alice@example.com");

        assertFalse(o.good(), o.message());
    }

    @Test
    void aKeyThatIsNotAllowedFails() throws Exception {
        Path allowed = Files.writeString(tmp.resolve("allowed_signers"), key(tmp, "alice", "alice@example.com"));
        key(tmp, "mallory", "mallory@example.com");
        Path sig = sign(tmp, "mallory", sums, SshSignatures.NAMESPACE);

        SshSignatures.Outcome o = SshSignatures.verify(sums, sig, allowed, null);

        assertFalse(o.good());
        assertNull(o.principal());
        assertTrue(o.message().startsWith("signature " + sig + " was not made by any key in " + allowed), o.message());
        assertFalse(SshSignatures.verify(sums, sig, allowed, "alice@example.com").good(), "claiming alice does not help");
    }

    @Test
    void missingFilesAreBadInputNotABadSignature() throws Exception {
        Path allowed = Files.writeString(tmp.resolve("allowed_signers"), key(tmp, "alice", "alice@example.com"));
        Path none = tmp.resolve("none.sig");
        assertEquals("--signature " + none + ": no such file",
                assertThrows(BundleException.class, () -> SshSignatures.verify(sums, none, allowed, null)).getMessage());
        Path sig = sign(tmp, "alice", sums, SshSignatures.NAMESPACE);
        Path noAllowed = tmp.resolve("nobody");
        assertEquals("--allowed-signers " + noAllowed + ": no such file",
                assertThrows(BundleException.class, () -> SshSignatures.verify(sums, sig, noAllowed, null)).getMessage());
        List<String> garbage = new ArrayList<>(List.of("not a signature"));
        Path bad = Files.write(tmp.resolve("garbage.sig"), garbage);
        assertFalse(SshSignatures.verify(sums, bad, allowed, null).good());
    }
}
