package io.dbsync.plan;

/**
 * No plan can be made: a type no kind handles, references that form a cycle, a data source that
 * cannot be read, a target that cannot be refreshed. Nothing has been applied.
 */
public class PlanException extends Exception {
  public PlanException(String message) {
    super(message);
  }

  public PlanException(String message, Throwable cause) {
    super(message, cause);
  }
}
