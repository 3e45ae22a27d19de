package io.dbsync.cli;

import io.dbsync.emulator.Emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in-process with a given environment, capturing stdout and stderr. */
final class CliRunner {
  record Result(int exitCode, String out, String err) {}

  /**
   * Logging as the CLI sets it up, for tests that build SDK clients before their first command:
   * slf4j-simple reads its levels once, when the first logger is made, so whoever comes first decides.
   */
  static void loggingAsTheCli() {
    Logging.configureFrom(new String[0]);
  }

  /** An environment whose DATABRICKS_CONFIG_FILE (written in {@code dir}) has profile {@code name} for the emulator. */
  static Map<String, String> profileEnv(Path dir, String name, Emulator workspace) throws IOException {
    Path file = dir.resolve("databrickscfg");
    Files.writeString(file, "[" + name + "]\nhost = " + workspace.url() + "\ntoken = " + workspace.token() + "\n");
    Map<String, String> env = new HashMap<>();
    env.put("DATABRICKS_CONFIG_FILE", file.toString());
    return env;
  }

  static Result run(Map<String, String> env, String... args) {
    return runAt(null, env, args);
  }

  /**
   * As {@link #run} with {@code home} as the user's home folder for the run (null: the JVM's), so
   * ~/.databrickscfg and ~/.ssh are the test's: the SDK and the SSH client read them from user.home.
   */
  static synchronized Result runAt(Path home, Map<String, String> env, String... args) {
    String oldHome = System.getProperty("user.home");
    if (home != null) {
      System.setProperty("user.home", home.toString());
    }
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
         PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      System.setOut(o);
      System.setErr(e);
      int code = Main.run(env, args);
      return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
      System.setProperty("user.home", oldHome);
    }
  }
}
