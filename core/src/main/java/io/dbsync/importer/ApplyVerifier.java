package io.dbsync.importer;

import io.dbsync.apply.AppliedAction;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindRegistry;
import io.dbsync.plan.ObjectTypeSelection;
import io.dbsync.plan.Plan;
import io.dbsync.plan.PlanException;
import io.dbsync.plan.PlannedChange;
import io.dbsync.plan.Planner;
import io.dbsync.state.StateDocument;
import io.dbsync.tf.config.DesiredConfig;
import io.dbsync.tf.config.ResolvedVariables;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The check after an apply: every object the apply touched is read back from the target. Created,
 * updated, replaced and adopted objects are planned again, on their own and with a fresh run cache,
 * against the state the apply left: each must now plan as a no-op, which is exactly what the next
 * import would see. Destroyed objects must be gone. Released objects were not touched in the target.
 */
final class ApplyVerifier {
  private final KindRegistry kinds;
  private final ApplyContext ctx;
  private final Planner planner;

  /** @param planner a planner over a fresh context {@code ctx} (nothing cached from before the apply) */
  ApplyVerifier(KindRegistry kinds, ApplyContext ctx, Planner planner) {
    this.kinds = kinds;
    this.ctx = ctx;
    this.planner = planner;
  }

  /**
   * @param selected  the resources the plan covered (null for a destroy)
   * @param state     the state after the apply
   * @param selection the plan's selection
   */
  Verification verify(Plan plan, List<AppliedAction> applied, DesiredConfig selected, StateDocument state,
                      ObjectTypeSelection selection, ResolvedVariables vars) {
    Map<String, PlannedChange> planned = new HashMap<>();
    plan.changes().forEach(c -> planned.put(c.address(), c));
    Set<String> written = new TreeSet<>();
    List<PlannedChange> deleted = new ArrayList<>();
    for (AppliedAction a : applied) {
      switch (a.action()) {
        case DELETE -> deleted.add(planned.get(a.address()));
        case RELEASE, NOOP -> { }
        default -> written.add(a.address());
      }
    }
    List<Verification.Difference> out = new ArrayList<>();
    for (PlannedChange d : deleted) {
      Kind kind = kinds.forObject(d.type(), d.id(), d.prior().attributes()).orElseThrow();
      try {
        if (kind.refresh(ctx, d.id()).isPresent()) {
          out.add(new Verification.Difference(d.address(), "still exists in the target (id " + d.id() + ")"));
        }
      } catch (IOException | RuntimeException e) {
        out.add(new Verification.Difference(d.address(), "could not be read back: " + message(e)));
      }
    }
    if (!written.isEmpty() && selected != null) {
      try {
        Plan again = planner.plan(selected.filter(r -> written.contains(r.address())), state,
            selection.onlyAddresses(written), vars);
        for (PlannedChange c : again.changes()) {
          if (written.contains(c.address()) && c.isChange()) {
            out.add(new Verification.Difference(c.address(), notConverged(c)));
          }
        }
      } catch (PlanException | RuntimeException e) {
        written.forEach(a -> out.add(new Verification.Difference(a, "could not be read back: " + message(e))));
      }
    }
    out.sort(Comparator.comparing(Verification.Difference::address));
    return new Verification(true, written.size() + deleted.size(), out);
  }

  private static String notConverged(PlannedChange c) {
    return switch (c.action()) {
      case CREATE, ADOPT -> "not found in the target after the apply";
      default -> "still differs in " + Verification.keys(c.change().diffs());
    };
  }

  private static String message(Throwable e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    return m.lines().findFirst().orElse(m);
  }
}
