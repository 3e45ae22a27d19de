package io.dbsync.cli;

import io.dbsync.importer.ImportResult;

import java.util.Arrays;

/**
 * --detailed-exitcode, as terraform's -detailed-exitcode, for CI drift checks: 0 = succeeded and the
 * target is in sync, 2 = succeeded and changes are planned, 1 = any error. While the flag is given,
 * bad input (otherwise exit 2) exits 1 too, so that 2 always means "drift".
 */
final class DetailedExitCode {
  static final String FLAG = "--detailed-exitcode";

  private DetailedExitCode() {}

  /** The exit code of a failed run: 1 when the flag is on the command line, else {@code code}. */
  static int onError(String[] args, int code) {
    return code != 0 && args != null && Arrays.asList(args).contains(FLAG) ? 1 : code;
  }

  /** The exit code of a plan run with the flag. */
  static int of(ImportResult result) {
    return !result.success() ? 1 : result.plan().hasChanges() ? 2 : 0;
  }
}
