package io.dbsync.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

  static synchronized Result run(Map<String, String> env, String... args) {
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
    }
  }
}
