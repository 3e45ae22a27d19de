package io.dbsync.git;

/** A git operation failed (open, clone, checkout, commit, push); the message says which and why. */
public final class GitException extends RuntimeException {
  private final boolean badInput;

  public GitException(String message) {
    this(message, null, false);
  }

  public GitException(String message, Throwable cause) {
    this(message, cause, false);
  }

  private GitException(String message, Throwable cause, boolean badInput) {
    super(message, cause);
    this.badInput = badInput;
  }

  /** The target or branch given is wrong (not a repository, a detached HEAD, a bad name): exit 2. */
  public static GitException badInput(String message) {
    return new GitException(message, null, true);
  }

  public boolean isBadInput() {
    return badInput;
  }
}
