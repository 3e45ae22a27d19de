package io.dbsync.cli;

import picocli.CommandLine;

import java.util.Map;

/**
 * Entry point. Errors end as one line on stderr and a non-zero exit; the stack trace only with
 * --debug. Exit codes: 0 ok, 1 runtime or server error (or a run that partly failed), 2 bad usage or
 * input (see UserErrors.exitCode); with import --detailed-exitcode, 0 in sync, 2 changes planned, 1
 * any error (DetailedExitCode).
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
    String badLevel = Logging.badLevel(args);
    if (badLevel != null) {
      System.err.println("error: unknown verbosity '" + badLevel + "' (use ERROR, WARNING, INFO or DEBUG)");
      return DetailedExitCode.onError(args, 2);
    }
    Logging.configureFrom(args);
    CommandLine cmd = new CommandLine(new RootCommand());
    ErrorHandler errors = new ErrorHandler();
    cmd.setExecutionExceptionHandler((ex, c, parsed) -> DetailedExitCode.onError(args, errors.handleExecutionException(ex, c, parsed)));
    cmd.setParameterExceptionHandler((ex, a) -> DetailedExitCode.onError(a, ErrorHandler.onBadUsage(ex, a)));
    cmd.setCaseInsensitiveEnumValuesAllowed(true); // -o json, -o JSON
    return cmd.execute(args);
  }
}
