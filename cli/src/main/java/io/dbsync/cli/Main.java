package io.dbsync.cli;

import picocli.CommandLine;

import java.util.Map;

/**
 * Entry point. Errors end as one line on stderr and a non-zero exit; the stack trace only with
 * --debug. Exit codes: 0 ok, 1 failed run, 2 bad usage or input.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI with a given environment (tests) and returns the exit code. */
  public static int run(Map<String, String> env, String... args) {
    Env.set(env);
    return run(args);
  }

  /** Runs the CLI and returns the exit code. */
  public static int run(String... args) {
    Logging.configureFrom(args);
    CommandLine cmd = new CommandLine(new RootCommand());
    cmd.setExecutionExceptionHandler(new ErrorHandler());
    cmd.setParameterExceptionHandler(ErrorHandler::onBadUsage);
    cmd.setCaseInsensitiveEnumValuesAllowed(true); // -o json, -o JSON
    return cmd.execute(args);
  }
}
