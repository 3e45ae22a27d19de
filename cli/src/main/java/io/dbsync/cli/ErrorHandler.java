package io.dbsync.cli;

import io.dbsync.tf.UrlCredentials;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Turns any failure into one clear line (the stack trace only with --debug). */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
    boolean debug = parsed != null && parsed.originalArgs().contains("--debug");
    if (debug) {
      StringWriter trace = new StringWriter();
      ex.printStackTrace(new PrintWriter(trace));
      cmd.getErr().print(UrlCredentials.redact(trace.toString()));
    }
    // a URL with a password (-g https://user:PASS@host/...) is never echoed (review D21)
    cmd.getErr().println("error: " + UrlCredentials.redact(UserErrors.describe(ex)));
    cmd.getErr().flush();
    return UserErrors.exitCode(ex);
  }

  static int onBadUsage(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    cmd.getErr().println("error: " + ex.getMessage());
    cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
    cmd.getErr().flush();
    return 2;
  }
}
