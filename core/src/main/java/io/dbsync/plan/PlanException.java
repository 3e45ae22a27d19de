package io.dbsync.plan;

import java.io.IOException;

/**
 * No plan can be made: a type no kind handles, references that form a cycle, a data source that
 * cannot be read, a target that cannot be refreshed. Nothing has been applied. {@link #inputError}
 * tells a problem of the revision or the flags (exit 2) from one of the target (exit 1, review D11).
 */
public class PlanException extends Exception {
  private final Boolean inputError;

  public PlanException(String message) {
    super(message);
    this.inputError = null;
  }

  public PlanException(String message, Throwable cause) {
    super(message, cause);
    this.inputError = null;
  }

  /** @param inputError true when the revision or the flags are at fault, false when the target is */
  public PlanException(String message, boolean inputError) {
    super(message);
    this.inputError = inputError;
  }

  /** As given, else true unless an I/O or API failure (anything unchecked) caused it. */
  public boolean inputError() {
    if (inputError != null) {
      return inputError;
    }
    for (Throwable t = getCause(); t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof RuntimeException) {
        return false;
      }
    }
    return true;
  }
}
