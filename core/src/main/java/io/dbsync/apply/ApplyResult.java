package io.dbsync.apply;

import java.util.List;

/** What an apply did (in completion-independent, topological order) and what failed. */
public record ApplyResult(List<AppliedAction> applied, List<ActionFailure> failures) {
  public ApplyResult {
    applied = List.copyOf(applied);
    failures = List.copyOf(failures);
  }

  public boolean success() {
    return failures.isEmpty();
  }
}
