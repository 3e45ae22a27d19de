package io.dbsync.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.state.StateEntry;
import io.dbsync.tf.config.DesiredResource;

import java.util.List;
import java.util.Set;

/**
 * The plan for one resource: which object, what {@link Change} happens to it, and what the apply needs
 * around it. Built by the factories, one per situation the planner meets.
 *
 * @param id           the existing target id (update, replace, delete, release, adopt, no-op), else null
 * @param change       what happens: action, the object before and after, the attribute differences
 * @param dependencies addresses the apply must finish first (filled by the planner's ordering)
 * @param sensitive    top-level attributes to mask in output
 * @param desired      the config block (null for delete and release)
 * @param prior        the state entry (null when not in state)
 * @param reason       why, for the plan text (e.g. "the object no longer exists in the target"), may be null
 * @param adoptChecked the planner already asked Kind.adopt in this locked run, so the apply need not
 */
public record PlannedChange(String address, String type, String name, String id, Change change,
                            List<String> dependencies, Set<String> sensitive, DesiredResource desired,
                            StateEntry prior, String reason, boolean adoptChecked) {
  /**
   * What happens to the object, as terraform's plans.Change.
   *
   * @param before the object as it is (refreshed, or last-applied with --skip-refresh); null for create
   * @param after  resolved desired attributes in compare form (unknowns possible); null for delete
   * @param diffs  changed attributes (update, replace, adopt); empty for create and delete
   * @param writeOnly the kind's write-only attribute paths: where {@code before} lacks one, the
   *                  last-applied value stands in for it (see {@link Differ})
   */
  public record Change(Action action, ObjectNode before, ObjectNode after, List<AttrChange> diffs,
                       Set<String> writeOnly) {
    public Change {
      diffs = List.copyOf(diffs);
      writeOnly = Set.copyOf(writeOnly);
    }

    public Change(Action action, ObjectNode before, ObjectNode after, List<AttrChange> diffs) {
      this(action, before, after, diffs, Set.of());
    }
  }

  /** Why an object is adopted, unless said otherwise (the plan text leaves this one out). */
  public static final String SAME_IDENTITY = "an object with the same identity already exists in the target";

  public PlannedChange {
    dependencies = List.copyOf(dependencies);
    sensitive = Set.copyOf(sensitive);
  }

  /** Not in the target (or its state entry's object is gone): create it. */
  public static PlannedChange create(DesiredResource r, ObjectNode after, Set<String> sensitive, StateEntry prior,
                                     String reason, boolean adoptChecked) {
    return new PlannedChange(r.address(), r.type(), r.name(), null, new Change(Action.CREATE, null, after, List.of()),
        List.of(), sensitive, r, prior, reason, adoptChecked);
  }

  /** In state and in the target: no-op, update in place, or replace, as the diff says. */
  public static PlannedChange update(DesiredResource r, StateEntry prior, ObjectNode current, ObjectNode after,
                                     Differ.Result diff, Set<String> sensitive) {
    Action action = diff.empty() ? Action.NOOP : diff.replace() ? Action.REPLACE : Action.UPDATE;
    return new PlannedChange(r.address(), r.type(), r.name(), prior.id(), new Change(action, current, after, diff.changes(), diff.writeOnly()),
        List.of(), sensitive, r, prior, null, false);
  }

  /** Not in state, but an object with the same identity is in the target: adopt it (and update what differs). */
  public static PlannedChange adopt(DesiredResource r, String id, ObjectNode current, ObjectNode after,
                                    List<AttrChange> diffs, Set<String> sensitive, StateEntry prior) {
    return new PlannedChange(r.address(), r.type(), r.name(), id, new Change(Action.ADOPT, current, after, diffs),
        List.of(), sensitive, r, prior, SAME_IDENTITY, true);
  }

  /**
   * An object the target shares with the source (one Unity Catalog metastore): adopted as it is, never
   * updated, whatever differs (the reason says how much).
   */
  public static PlannedChange adoptShared(DesiredResource r, String id, ObjectNode current, ObjectNode after,
                                          Set<String> sensitive, StateEntry prior, String reason) {
    return new PlannedChange(r.address(), r.type(), r.name(), id, new Change(Action.ADOPT, current, after, List.of()),
        List.of(), sensitive, r, prior, reason, true);
  }

  /**
   * An object the target shares with the source that this workspace does not show (an isolated catalog
   * bound elsewhere): nothing is done, and whatever refers to it is unknown.
   */
  public static PlannedChange unseenShared(DesiredResource r, ObjectNode after, Set<String> sensitive, StateEntry prior,
                                           String reason) {
    return new PlannedChange(r.address(), r.type(), r.name(), null, new Change(Action.NOOP, null, after, List.of()),
        List.of(), sensitive, r, prior, reason, false);
  }

  /** In state but not desired, and shared with the source: only forgotten, never deleted. */
  public static PlannedChange release(String address, StateEntry e, String reason) {
    return new PlannedChange(address, e.type(), address.substring(address.indexOf('.') + 1), e.id(),
        new Change(Action.RELEASE, e.attributes(), null, List.of()), List.of(), e.sensitive(), null, e, reason, false);
  }

  /** In state but not desired: delete it, or only release it when it was adopted rather than created. */
  public static PlannedChange delete(String address, StateEntry e, String reason) {
    Action action = e.adopted() ? Action.RELEASE : Action.DELETE;
    return new PlannedChange(address, e.type(), address.substring(address.indexOf('.') + 1), e.id(),
        new Change(action, e.attributes(), null, List.of()), List.of(), e.sensitive(), null, e, reason, false);
  }

  public PlannedChange withDependencies(List<String> deps) {
    return new PlannedChange(address, type, name, id, change, deps, sensitive, desired, prior, reason, adoptChecked);
  }

  public Action action() {
    return change.action();
  }

  /** True when the apply has to call the API for it. */
  public boolean isChange() {
    return change.action() != Action.NOOP;
  }
}
