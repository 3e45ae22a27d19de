package io.dbsync.importer;

import io.dbsync.plan.Plan;

import java.io.IOException;

/**
 * Asked, after the plan is printed and before anything is applied, whether to carry out a plan that
 * has changes: the CLI asks on a terminal ("Do you want to perform these actions?") unless
 * --auto-approve. The default approves (CI, the demo, library callers).
 */
@FunctionalInterface
public interface Approval {
  Approval ALWAYS = plan -> true;

  /** True to apply {@code plan}; false cancels the apply (nothing is written). */
  boolean approve(Plan plan) throws IOException;
}
