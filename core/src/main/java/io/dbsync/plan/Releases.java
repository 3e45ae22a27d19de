package io.dbsync.plan;

import io.dbsync.state.StateEntry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A resource attached to a released one (an object the target has of its own) is released with it,
 * not destroyed: the permissions of a built-in policy or the memberships of the admin user are left
 * as they are rather than stripped while their object stays (review D10). Attached means of a
 * resource-only kind (permissions, memberships, ACLs, grants, bindings: emitted with their object);
 * an object of its own that merely names a released one (a catalog owned by the admin user) is
 * still destroyed.
 */
final class Releases {
  private Releases() {}

  /** {@code attached}: whether resources of a type are attachments (resource-only kinds). */
  static List<PlannedChange> cascade(List<PlannedChange> changes, Predicate<String> attached) {
    Set<String> released = new HashSet<>();
    changes.stream().filter(c -> c.action() == Action.RELEASE).forEach(c -> released.add(c.address()));
    List<PlannedChange> out = new ArrayList<>(changes);
    boolean more = !released.isEmpty();
    while (more) {
      more = false;
      for (int i = 0; i < out.size(); i++) {
        PlannedChange c = out.get(i);
        if (c.action() == Action.DELETE && c.prior() != null && attached.test(c.type())
            && c.prior().dependencies().stream().anyMatch(released::contains)) {
          StateEntry e = c.prior();
          StateEntry foreign = new StateEntry(e.type(), e.id(), e.attributes(), e.dependencies(), e.dir(), e.sensitive(), true);
          out.set(i, PlannedChange.delete(c.address(), foreign, "it refers to a released object"));
          released.add(c.address());
          more = true;
        }
      }
    }
    return out;
  }
}
