package io.dbsync.cli;

import picocli.CommandLine;

/** Turns any failure into one clear line (the stack trace only with --debug). */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
    boolean debug = parsed != null && parsed.originalArgs().contains("--debug");
    if (debug) {
      ex.printStackTrace(cmd.getErr());
    }
    cmd.getErr().println("error: " + UserErrors.describe(ex));
    cmd.getErr().flush();
    return ex instanceof UserErrors.BadInput ? 2 : 1;
  }

  static int onBadUsage(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    cmd.getErr().println("error: " + ex.getMessage());
    cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
    cmd.getErr().flush();
    return 2;
  }
}
