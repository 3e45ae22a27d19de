package io.dbsync.cli;

import com.databricks.sdk.core.DatabricksError;
import io.dbsync.git.GitException;
import io.dbsync.state.StateLockedException;

import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;

/** Maps exceptions to the one line an admin needs: what failed and what to check. */
final class UserErrors {
  private UserErrors() {}

  /** Bad input from the user (config, flags, files): exit code 2. */
  static final class BadInput extends RuntimeException {
    BadInput(String message) {
      super(message);
    }

    BadInput(String message, Throwable cause) {
      super(message, cause);
    }
  }

  static String describe(Throwable ex) {
    Throwable root = ex;
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof GitException) {
        // before the network causes below: an unreachable git remote is not an unreachable workspace
        return "git: " + t.getMessage();
      }
      if (t instanceof AuthErrors.AuthFailure) {
        return t.getMessage(); // names host, profile and auth type already; its cause is the SDK's
      }
      if (t instanceof UnknownHostException) {
        return "cannot resolve workspace host " + t.getMessage() + ": check the host in your profile or DATABRICKS_HOST";
      }
      if (t instanceof ConnectException) {
        return "cannot connect to the workspace (" + t.getMessage() + "): check the host and that it is reachable";
      }
      if (t instanceof DatabricksError de) {
        if ("IO_ERROR".equals(de.getErrorCode())) {
          // the SDK reports transport failures (refused, reset, TLS) as IO_ERROR with a pseudo status
          return "cannot connect to the workspace (" + de.getMessage() + "): check the host and that it is reachable";
        }
        if (de.getStatusCode() == 401) {
          return "the workspace rejected the credentials (401): check the token of your profile or DATABRICKS_TOKEN";
        }
        if (de.getStatusCode() == 403) {
          return "permission denied by the workspace (403): " + de.getMessage() + " (an admin token is needed)";
        }
        return "workspace API error " + (de.getErrorCode() == null ? "" : de.getErrorCode() + " ") + "(" + de.getStatusCode() + "): " + de.getMessage();
      }
      if (t instanceof StateLockedException le) {
        return le.getMessage() + (le.holder() == null ? ""
            : ". If that run is dead, release it with: import --force-unlock " + le.holder().id() + " (same --artifact-dir/--backend-file)");
      }
      if (t instanceof NoSuchFileException || t instanceof FileNotFoundException) {
        return "file not found: " + t.getMessage();
      }
      root = t;
    }
    String msg = ex.getMessage();
    if (msg == null || msg.isBlank()) {
      msg = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
    return msg.lines().findFirst().orElse(msg);
  }
}
