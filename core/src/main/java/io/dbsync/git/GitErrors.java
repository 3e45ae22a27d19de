package io.dbsync.git;

import org.eclipse.jgit.errors.NoRemoteRepositoryException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Turns a failed conversation with a git remote into one line that names the remote and the likely
 * fix. JGit reports most transport failures as TransportException with a message, so the reason is
 * read from the exception types in the cause chain first and from JGit's message texts second.
 */
final class GitErrors {
  private GitErrors() {}

  /** "{@code action} {@code remote}: reason", e.g. "cannot clone https://host/x.git: the server cannot be reached (...)". */
  static GitException remote(String action, GitTarget remote, Exception e) {
    return new GitException(action + " " + remote.describe() + ": " + reason(remote, e), e);
  }

  private static String reason(GitTarget remote, Throwable e) {
    StringBuilder messages = new StringBuilder();
    Throwable last = e;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException) {
        return "unknown host " + t.getMessage() + " (check the URL)";
      }
      if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException) {
        return "the server cannot be reached (" + t.getMessage() + "); check the URL and the network";
      }
      if (t instanceof NoRemoteRepositoryException) {
        return "repository not found; check the URL" + (remote instanceof GitTarget.Https ? " and that the token may read it" : "");
      }
      messages.append(' ').append(t.getMessage());
      last = t;
    }
    String all = messages.toString().toLowerCase(Locale.ROOT);
    if (all.contains("no credentialsprovider")) {
      return "the remote asks for credentials: set " + HttpsCredentials.TOKEN_ENV
          + " (and " + HttpsCredentials.USERNAME_ENV + " if your host checks the user name)";
    }
    if (all.contains("not authorized") || all.contains("authentication not supported")) {
      return "the remote rejected the credentials; check " + HttpsCredentials.TOKEN_ENV + " (and "
          + HttpsCredentials.USERNAME_ENV + ") or the user:password in the URL";
    }
    if (all.contains("known_hosts") || all.contains("host key") || all.contains("server key")) {
      return "the server's host key is not trusted: add it to known_hosts in the SSH directory (ssh-keyscan)";
    }
    if (all.contains("no more keys to try") || all.contains("no keys to try") || all.contains("auth fail")
        || all.contains("authentication")) {
      return "the server refused the SSH key; pass the right key with -k or put it in ~/.ssh";
    }
    String msg = last.getMessage() != null ? last.getMessage() : last.getClass().getSimpleName();
    return msg.lines().findFirst().orElse(msg);
  }
}
