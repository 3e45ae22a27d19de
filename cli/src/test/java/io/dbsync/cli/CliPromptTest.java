package io.dbsync.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * On a terminal `import --apply` asks before acting, as terraform apply does: the CLI runs in a new
 * JVM inside a pseudo-terminal (util-linux {@code script}), with the answer typed on its input.
 */
class CliPromptTest {
  private static final Path SCRIPT = Path.of("/usr/bin/script");

  @TempDir
  Path tmp;

  @Test
  void onATerminalOnlyYesApplies() throws Exception {
    if (!Files.isExecutable(SCRIPT)) {
      if ("true".equals(System.getenv("CI"))) {
        fail("CI needs util-linux script(1) for the terminal prompt test");
      }
      assumeTrue(false, "no script(1) here to give the CLI a terminal");
    }
    try (ImportFixture f = new ImportFixture(tmp)) {
      String[] apply = {"import", "-l", f.repo.toString(), "--artifact-dir", f.artifacts.toString(), "--apply"};

      CliRunner.Result no = onTerminal(f.env, "no\n", apply);
      assertEquals(1, no.exitCode(), no.out());
      assertTrue(no.out().indexOf("Plan: 5 to add") < no.out().indexOf("Do you want to perform these actions?"), no.out());
      assertTrue(no.out().contains("Only 'yes' will be accepted to approve."), no.out());
      assertTrue(no.out().contains("Apply cancelled: nothing was changed."), no.out());
      assertEquals(0, f.target.requests().writes(), "a refused apply writes nothing");

      CliRunner.Result yes = onTerminal(f.env, "yes\n", apply);
      assertEquals(0, yes.exitCode(), yes.out());
      assertTrue(yes.out().contains("Apply complete! Resources: 5 added"), yes.out());

      f.job("0 0 6 * * ?", "etl");
      f.commit("new schedule");
      List<String> auto = new ArrayList<>(List.of(apply));
      auto.add("--auto-approve");
      CliRunner.Result approved = onTerminal(f.env, "", auto.toArray(String[]::new));
      assertEquals(0, approved.exitCode(), approved.out());
      assertFalse(approved.out().contains("Do you want to perform these actions?"), approved.out());
      assertTrue(approved.out().contains("Apply complete! Resources: 0 added, 1 changed"), approved.out());
    }
  }

  /** The CLI in a new JVM whose stdin and stdout are a pseudo-terminal; {@code input} is what the user types. */
  private CliRunner.Result onTerminal(Map<String, String> env, String input, String... args) throws IOException, InterruptedException {
    List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Duser.home=" + tmp, Main.class.getName()));
    java.addAll(List.of(args));
    StringBuilder command = new StringBuilder();
    for (String a : java) {
      command.append('\'').append(a.replace("'", "'\\''")).append("' ");
    }
    Path in = Files.writeString(Files.createTempFile(tmp, "typed", ".txt"), input);
    Path out = Files.createTempFile(tmp, "terminal", ".txt");
    ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString(), "-qec", command.toString(), "/dev/null")
        .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectErrorStream(true).directory(tmp.toFile());
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    pb.environment().put("HOME", tmp.toString());
    pb.environment().put("TERM", "dumb");
    pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("the CLI did not end within 3 minutes: " + String.join(" ", args));
    }
    return new CliRunner.Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8).replace("\r\n", "\n"), "");
  }
}
