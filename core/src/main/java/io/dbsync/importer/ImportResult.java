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
 * @param planJson  the same in terraform's JSON plan shape (TerraformJsonPlan)
 * @param applied   changes carried out (empty when not applying)
 * @param failures  changes that failed or were skipped because a dependency failed
 * @param warnings  non-fatal notes (e.g. ignored --var for an undeclared variable)
 * @param verification after an apply, whether what it touched converged; after a plan with refresh,
 *                  the drift report; null when nothing was compared (--skip-refresh, nothing applied)
 * @param cancelled the apply was not approved at the prompt, or a signal (Ctrl-C, SIGTERM) came
 *                  before it started: nothing was applied
 */
public record ImportResult(Plan plan, String planText, ObjectNode planJson, List<AppliedAction> applied,
                           List<ActionFailure> failures, List<String> warnings, Verification verification,
                           boolean cancelled) {
  public ImportResult {
    applied = List.copyOf(applied);
    failures = List.copyOf(failures);
    warnings = List.copyOf(warnings);
  }

  /** Every change applied and verified (a plan's drift is not a failure; a cancelled apply is). */
  public boolean success() {
    return failures.isEmpty() && !cancelled && (verification == null || !verification.afterApply() || verification.inSync());
  }

  /** 0 on success, 1 when any change failed, did not converge, or the apply was cancelled. */
  public int exitCode() {
    return success() ? 0 : 1;
  }
}
