package io.dbsync.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The gpg binary in a throwaway home folder, to prove that what the tool writes is what gpg reads (and
 * the other way round). CI installs gnupg (.ci/run), so there a missing gpg fails the test; elsewhere
 * the interop assertion is skipped.
 */
public final class Gpg implements AutoCloseable {
  private final Path home;

  private Gpg(Path home) {
    this.home = home;
  }

  /** A gpg with an empty home under dir; skips (or in CI fails) when gpg is not installed. */
  public static Gpg in(Path dir) throws IOException {
    boolean installed = Files.isExecutable(Path.of("/usr/bin/gpg")) || onPath("gpg");
    if (System.getenv("CI") != null) {
      assertTrue(installed, "gpg must be installed in CI (.ci/run installs gnupg)");
    }
    assumeTrue(installed, "gpg is not installed: interop with gpg not checked");
    // gpg-agent's socket lives in the home folder: keep its path short
    Path home = Files.createTempDirectory(Path.of("/tmp"), "gpg");
    Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    return new Gpg(home);
  }

  private static boolean onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return true;
      }
    }
    return false;
  }

  /** Runs gpg with the home folder, in batch mode with a loopback passphrase; returns stdout, fails on a non-zero exit. */
  public byte[] run(String passphrase, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch", "--no-tty", "--quiet"));
    if (passphrase != null) {
      cmd.addAll(List.of("--pinentry-mode", "loopback", "--passphrase", passphrase));
    }
    cmd.addAll(List.of(args));
    Path err = Files.createTempFile(home, "err", ".txt");
    Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gpg did not finish");
    if (p.exitValue() != 0) {
      throw new IOException("gpg " + String.join(" ", args) + " failed: " + Files.readString(err, StandardCharsets.UTF_8));
    }
    return out;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent").start().waitFor(30, TimeUnit.SECONDS);
    try (var files = Files.walk(home)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
