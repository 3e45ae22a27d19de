package io.dbsync.git;

/** A git operation failed (open, clone, checkout, commit, push); the message says which and why. */
public final class GitException extends RuntimeException {
  public GitException(String message) {
    super(message);
  }

  public GitException(String message, Throwable cause) {
    super(message, cause);
  }
}
