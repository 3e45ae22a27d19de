package io.dbsync.export;

import java.io.IOException;
import java.util.List;

/**
 * The local repository has uncommitted changes under exports/ that the export would overwrite or
 * delete (review D19); nothing was written.
 */
public class LocalChangesException extends IOException {
  public LocalChangesException(List<String> paths) {
    super(ExportRun.EXPORTS + "/ has " + paths.size() + " uncommitted change(s) that the export would overwrite: "
        + sample(paths) + "; commit or remove them, or rerun with --force to discard them");
  }

  /** The first few paths, and how many more. */
  static String sample(List<String> paths) {
    int shown = Math.min(5, paths.size());
    return String.join(", ", paths.subList(0, shown)) + (paths.size() > shown ? " and " + (paths.size() - shown) + " more" : "");
  }
}
