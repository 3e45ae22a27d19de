package io.dbsync.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The checks after an apply: every object the apply touched is read back from the target. Created,
 * updated, replaced and adopted objects are planned again, on their own and with a fresh run cache,
 * against the state the apply left: each must now plan as a no-op, which is exactly what the next
 * import would see. Destroyed objects must be gone. Released objects were not touched in the target.
 * {@link OverlappedVerification} decides when each check runs (some while the apply goes on), so each
 * takes its own snapshot of the state and its own fresh context: a run cache filled before another
 * family's writes would show the target as it was.
 */
final class ApplyVerifier implements OverlappedVerification.Checks {
  private final KindRegistry kinds;
  private final Function<StateDocument, ApplyContext> freshContext;
  private final Function<ApplyContext, Planner> planner;
  private final StateDocument state;
  private final DesiredConfig selected;
  private final ObjectTypeSelection selection;
  private final ResolvedVariables vars;

  /**
   * @param freshContext a context with nothing cached, over the given state
   * @param planner      a planner that refreshes (even with --skip-refresh) through the given context
   * @param state        the apply's state, read only under its lock
   * @param selected     the resources the plan covered (null for a destroy)
   * @param selection    the plan's selection
   */
  ApplyVerifier(KindRegistry kinds, Function<StateDocument, ApplyContext> freshContext,
                Function<ApplyContext, Planner> planner, StateDocument state, DesiredConfig selected,
                ObjectTypeSelection selection, ResolvedVariables vars) {
    this.kinds = kinds;
    this.freshContext = freshContext;
    this.planner = planner;
    this.state = state;
    this.selected = selected;
    this.selection = selection;
    this.vars = vars;
  }

  @Override
  public List<Verification.Difference> deleted(List<PlannedChange> deleted) {
    List<Verification.Difference> out = new ArrayList<>();
    if (deleted.isEmpty()) {
      return out;
    }
    ApplyContext ctx = freshContext.apply(snapshot());
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
    return out;
  }

  @Override
  public OverlappedVerification.Round written(Set<String> written) {
    List<Verification.Difference> out = new ArrayList<>();
    if (written.isEmpty() || selected == null) {
      return new OverlappedVerification.Round(out, Map.of());
    }
    Map<String, ObjectNode> observed = Map.of();
    try {
      // the addresses' own entries and those of everything they refer to settled before this round started
      StateDocument snapshot = snapshot();
      Planner rereading = planner.apply(freshContext.apply(snapshot));
      Plan again = rereading.plan(selected.filter(r -> written.contains(r.address())), snapshot,
          selection.onlyAddresses(written), vars);
      for (PlannedChange c : again.changes()) {
        if (written.contains(c.address()) && c.isChange()) {
          out.add(new Verification.Difference(c.address(), notConverged(c)));
        }
      }
      observed = rereading.observedContentVersions();
    } catch (PlanException | RuntimeException e) {
      written.forEach(a -> out.add(new Verification.Difference(a, "could not be read back: " + message(e))));
    }
    return new OverlappedVerification.Round(out, observed);
  }

  /** The state as it is now, copied under its lock: the apply may still be writing it. */
  private StateDocument snapshot() {
    synchronized (state) {
      return state.copy();
    }
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
