package io.dbsync.importer;

import java.util.List;

/**
 * `import --apply-plan FILE` refused: the revision, the state or an object of the target is not what
 * it was when the plan was saved, so applying it would not do what was reviewed. Nothing was applied.
 */
public final class StalePlanException extends ImportException {
  private final List<String> differences;

  public StalePlanException(List<String> differences) {
    super("the saved plan is out of date, nothing was applied: " + String.join("; ", differences)
        + ". Plan again (--plan --out FILE) and review the new plan");
    this.differences = List.copyOf(differences);
  }

  /** One sentence per thing that moved since the plan was saved. */
  public List<String> differences() {
    return differences;
  }
}
