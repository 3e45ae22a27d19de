package io.dbsync.importer;

/**
 * The import cannot proceed: bad config, missing variable, unknown type, reference cycle (input
 * errors), or a target that cannot be read while planning (not an input error).
 */
public class ImportException extends Exception {
  private final boolean inputError;

  public ImportException(String message) {
    this(message, null, true);
  }

  public ImportException(String message, Throwable cause) {
    this(message, cause, true);
  }

  public ImportException(String message, Throwable cause, boolean inputError) {
    super(message, cause);
    this.inputError = inputError;
  }

  /** True when the revision, the variables or the flags are at fault (exit 2); false for the target (exit 1). */
  public boolean inputError() {
    return inputError;
  }
}
