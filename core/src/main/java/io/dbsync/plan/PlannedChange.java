package io.dbsync.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.state.StateEntry;
import io.dbsync.tf.config.DesiredResource;

import java.util.List;
import java.util.Set;

/**
 * The plan for one resource.
 *
 * @param id           the existing target id (update, replace, delete, adopt, no-op), else null
 * @param before       the object as it is (refreshed, or last-applied with --skip-refresh), null for create
 * @param after        resolved desired attributes in compare form (unknowns possible), null for delete
 * @param changes      changed attributes (update, replace, adopt); for create/delete empty
 * @param dependencies addresses the apply must finish first (filled by the planner's ordering)
 * @param sensitive    top-level attributes to mask in output
 * @param desired      the config block (null for delete)
 * @param prior        the state entry (null when not in state)
 * @param reason       why, for the plan text (e.g. "the object no longer exists in the target"), may be null
 * @param adoptChecked the planner already asked Kind.adopt in this locked run, so the apply need not
 */
public record PlannedChange(String address, String type, String name, Action action, String id,
                            ObjectNode before, ObjectNode after, List<AttrChange> changes,
                            List<String> dependencies, Set<String> sensitive, DesiredResource desired,
                            StateEntry prior, String reason, boolean adoptChecked) {
  public PlannedChange {
    changes = List.copyOf(changes);
    dependencies = List.copyOf(dependencies);
    sensitive = Set.copyOf(sensitive);
  }

  public PlannedChange withDependencies(List<String> deps) {
    return new PlannedChange(address, type, name, action, id, before, after, changes, deps, sensitive,
        desired, prior, reason, adoptChecked);
  }

  /** True when the apply has to call the API for it. */
  public boolean isChange() {
    return action != Action.NOOP;
  }
}
