package io.dbsync.tf.config;

import java.io.IOException;

/** The one rule for a path inside a revision: relative, '/'-separated, no empty, "." or ".." segment. */
public final class RevisionPaths {
  private RevisionPaths() {}

  /**
   * {@code path} itself when it stays inside the tree.
   *
   * @param named what to name in the error (the source value the path came from)
   * @throws IOException naming {@code named} when the path is absolute or leaves the tree
   */
  public static String check(String path, String named) throws IOException {
    boolean ok = !path.isEmpty() && !path.startsWith("/") && !path.contains("\\") && !path.contains("\0");
    for (String segment : path.split("/", -1)) {
      ok &= !segment.isEmpty() && !segment.equals(".") && !segment.equals("..");
    }
    if (!ok) {
      throw new IOException(named + " is outside the exports directory of the revision: refused");
    }
    return path;
  }
}
