package io.dbsync.cli;

import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.DatabricksException;
import io.dbsync.export.LocalChangesException;
import io.dbsync.export.MassDeletionException;
import io.dbsync.git.GitException;
import io.dbsync.importer.ImportException;
import io.dbsync.lock.HolderAliveException;
import io.dbsync.lock.LockHeldException;
import io.dbsync.state.LockNotHeldException;
import io.dbsync.state.StateLockedException;
import io.dbsync.state.backend.InvalidBackendFileException;

import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps exceptions to the line an admin needs (what failed and what to check) and to the exit code:
 * 0 ok, 1 a runtime or server error (or a run that partly failed), 2 bad input (usage, config,
 * revision, files, and refusals that need a flag such as --allow-mass-delete or --force).
 */
final class UserErrors {
  /** Lines of a multi-line message kept (a plan with many errors lists them all up to this). */
  static final int MAX_LINES = 25;

  private UserErrors() {}

  /** 2 for bad input, 1 for everything else. */
  static int exitCode(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof BadInput || t instanceof io.dbsync.config.ConfigException
          || t instanceof io.dbsync.tf.config.ConfigException || t instanceof MassDeletionException
          || t instanceof LocalChangesException || t instanceof HolderAliveException
          || t instanceof LockNotHeldException || t instanceof InvalidBackendFileException
          || (t instanceof GitException g && g.isBadInput())) {
        return 2;
      }
      if (t instanceof ImportException ie) {
        return ie.inputError() ? 2 : 1;
      }
      if (t instanceof DatabricksException && t.getMessage() != null
          && (t.getMessage().contains("cannot configure default credentials") || t.getMessage().contains("profile configured"))) {
        return 2; // a profile that does not exist or has no credentials is a configuration mistake
      }
    }
    return 1;
  }

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
      if (t instanceof LockHeldException le) {
        return le.getMessage() + (le.file() == null ? "" : ". Wait for that run; if it is gone (it ran on another"
            + " host, or its process cannot be seen from here), remove " + le.file());
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
    return complete(msg);
  }

  /**
   * The whole message ("planning failed:" with every error below it, review D11), at most
   * {@link #MAX_LINES} lines; following lines are indented under the "error:" line.
   */
  static String complete(String msg) {
    List<String> lines = msg.lines().filter(l -> !l.isBlank()).toList();
    if (lines.size() <= 1) {
      return msg.strip();
    }
    List<String> kept = new ArrayList<>(lines.subList(0, Math.min(lines.size(), MAX_LINES)));
    if (lines.size() > MAX_LINES) {
      kept.add("... and " + (lines.size() - MAX_LINES) + " more");
    }
    StringBuilder out = new StringBuilder(kept.get(0).strip());
    for (String l : kept.subList(1, kept.size())) {
      out.append("\n  ").append(l.strip());
    }
    return out.toString();
  }
}
