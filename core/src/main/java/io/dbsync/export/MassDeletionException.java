package io.dbsync.export;

import java.io.IOException;
import java.util.List;

/**
 * The export would remove more than the threshold share of some kind's files (review D5); nothing
 * was committed and the work tree's exports/ folder was put back as it was.
 */
public class MassDeletionException extends IOException {
  /** One kind directory over the threshold. */
  public record Removal(String directory, int removed, int existing) {
    String describe() {
      return directory + "/: " + removed + " of " + existing + " files";
    }
  }

  private final List<Removal> removals;

  public MassDeletionException(List<Removal> removals, int thresholdPercent) {
    super("the export would remove more than " + thresholdPercent + "% of the files of "
        + String.join(", ", removals.stream().map(Removal::describe).toList())
        + "; check the config and the token's permissions, or rerun with --allow-mass-delete");
    this.removals = List.copyOf(removals);
  }

  public List<Removal> removals() {
    return removals;
  }
}
