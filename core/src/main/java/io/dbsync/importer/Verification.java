package io.dbsync.importer;

import io.dbsync.plan.AttrChange;
import io.dbsync.plan.Plan;
import io.dbsync.plan.PlannedChange;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether the target holds what the revision says, object by object: after an apply, for every
 * object the apply touched (read back and compared as the next plan would compare it); after a plan
 * with refresh, for every object of the plan (the nightly drift report). The text starts with
 * "Verified N of M objects" either way, so a pipeline can grep one line.
 *
 * @param afterApply  true after an apply (objects that did not converge), false after a plan (drift)
 * @param checked     objects compared
 * @param differences the objects that differ, sorted by address
 */
public record Verification(boolean afterApply, int checked, List<Difference> differences) {
  /** An object that does not match: its address and what is wrong with it. */
  public record Difference(String address, String detail) {}

  public Verification {
    differences = List.copyOf(differences);
  }

  public int verified() {
    return checked - differences.size();
  }

  public boolean inSync() {
    return differences.isEmpty();
  }

  /** The drift report of a plan made with refresh: every resource not planned as a no-op differs. */
  static Verification ofPlan(Plan plan) {
    List<Difference> out = new ArrayList<>();
    for (PlannedChange c : plan.actionable()) {
      out.add(new Difference(c.address(), drift(c)));
    }
    return new Verification(false, plan.changes().size(), out);
  }

  /** "Verified N of M objects..." and one indented line per object that differs. */
  public String text() {
    StringBuilder sb = new StringBuilder("Verified ").append(verified()).append(" of ").append(checked)
        .append(checked == 1 ? " object" : " objects");
    if (inSync()) {
      sb.append(afterApply ? "." : ": the target matches the revision.");
    } else {
      sb.append(": ").append(differences.size())
          .append(afterApply ? " did not converge" : differences.size() == 1 ? " differs from the revision" : " differ from the revision")
          .append(':');
    }
    sb.append('\n');
    differences.forEach(d -> sb.append("  ").append(d.address()).append(": ").append(d.detail()).append('\n'));
    return sb.toString();
  }

  private static String drift(PlannedChange c) {
    return switch (c.action()) {
      case CREATE -> c.prior() != null ? "deleted in the target (will be created again)" : "not in the target (will be created)";
      case UPDATE -> "differs in " + keys(c.change().diffs()) + " (will be updated in place)";
      case REPLACE -> "differs in " + keys(c.change().diffs()) + " (will be replaced)";
      case DELETE -> "no longer in the revision (will be destroyed)";
      case RELEASE -> "no longer in the revision (will be released, not deleted)";
      case ADOPT -> "in the target but not in the state (will be adopted"
          + (c.change().diffs().isEmpty() ? ")" : " and updated: " + keys(c.change().diffs()) + ")");
      case NOOP -> "in sync";
    };
  }

  static String keys(List<AttrChange> diffs) {
    return diffs.stream().map(AttrChange::key).collect(Collectors.joining(", "));
  }
}
