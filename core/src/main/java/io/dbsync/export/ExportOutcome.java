package io.dbsync.export;

import io.dbsync.report.KindResult;
import io.dbsync.report.Problem;

import java.util.List;

/** Result of writing one export tree: per-kind counts, failures and warnings (sorted). */
public record ExportOutcome(List<KindResult> kinds, List<Problem> failures, List<Problem> warnings) {
  public boolean hasFailures() {
    return !failures.isEmpty();
  }
}
