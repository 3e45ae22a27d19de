package io.dbsync.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.apply.ActionFailure;
import io.dbsync.apply.AppliedAction;
import io.dbsync.plan.Plan;

import java.util.List;

/**
 * The outcome of an import run.
 *
 * @param plan      the plan (always computed)
 * @param planText  terraform-like text of it
 * @param planJson  the same as JSON (PlanRenderer.json)
 * @param applied   changes carried out (empty when not applying)
 * @param failures  changes that failed or were skipped because a dependency failed
 * @param warnings  non-fatal notes (e.g. ignored --var for an undeclared variable)
 */
public record ImportResult(Plan plan, String planText, ObjectNode planJson, List<AppliedAction> applied,
                           List<ActionFailure> failures, List<String> warnings) {
  public ImportResult {
    applied = List.copyOf(applied);
    failures = List.copyOf(failures);
    warnings = List.copyOf(warnings);
  }

  public boolean success() {
    return failures.isEmpty();
  }

  /** 0 on success, 1 when any change failed. */
  public int exitCode() {
    return success() ? 0 : 1;
  }
}
