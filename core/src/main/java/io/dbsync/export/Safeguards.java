package io.dbsync.export;

/**
 * What an export refuses to do without being told (review D5): remove the files of kinds the config
 * does not select, or remove a large share of one kind's files in one run (a token that sees less,
 * a selection that matches nothing). The CLI flags are --prune-unselected, --allow-mass-delete and
 * --mass-delete-threshold.
 *
 * @param pruneUnselected  remove the folders of kinds the config does not select (default: keep them)
 * @param allowMassDelete  go ahead even when a kind would lose more than the threshold share of its files
 * @param thresholdPercent the share of a kind's files (1-100) whose removal stops the export; removing
 *                         fewer than {@link #MIN_REMOVALS} files never does
 */
public record Safeguards(boolean pruneUnselected, boolean allowMassDelete, int thresholdPercent) {
  public static final int DEFAULT_THRESHOLD_PERCENT = 50;
  public static final int MIN_REMOVALS = 3;
  public static final Safeguards DEFAULT = new Safeguards(false, false, DEFAULT_THRESHOLD_PERCENT);

  public Safeguards {
    if (thresholdPercent < 1 || thresholdPercent > 100) {
      throw new IllegalArgumentException("the mass-delete threshold must be a percentage from 1 to 100, got " + thresholdPercent);
    }
  }

  /** True when removing {@code removed} of {@code existing} files needs --allow-mass-delete. */
  boolean blocks(int removed, int existing) {
    return !allowMassDelete && removed >= MIN_REMOVALS && existing > 0
        && removed * 100L > (long) thresholdPercent * existing;
  }
}
