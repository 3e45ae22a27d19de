package io.dbsync.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindRegistry;
import io.dbsync.kind.TargetChild;
import io.dbsync.state.StateDocument;
import io.dbsync.state.StateEntry;
import io.dbsync.tf.Names;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Mirror, not just "create what is missing": for what the import manages, the target ends equal to
 * the source. Each planned object of a container kind ({@link Kind#targetChildren}: a scope's secrets
 * and ACLs, a group's members) is read in the target, and every child there that the configuration
 * does not declare (compared by target id, {@link Kind#naturalId}) and the state does not track
 * becomes a delete of its own in the plan, "found in the target". For a container about to be
 * created, those are the children the API adds on create (a new scope's MANAGE ACL for its creator);
 * their deletes wait for the create.
 *
 * <p>Only containers the import manages are read: built-in groups are data sources, never
 * containers; objects the state tracks are deleted by the state's rule, not here.
 */
final class Mirror {
  private static final String REASON = "found in the target but not in the configuration: the import mirrors the source";

  /** The deletes, and what each must wait for (the create of its container). */
  record Result(List<PlannedChange> removals, Map<String, Set<String>> edges) {
    static final Result NONE = new Result(List.of(), Map.of());
  }

  private Mirror() {}

  /** What a container's children in the target are, or why they could not be read. */
  record Children(List<TargetChild> found, Exception error) {}

  /**
   * The children in the target of one planned change, if it is a container (read as soon as the
   * change is planned, beside the rest of the plan); null for a delete or a release.
   */
  static Children read(PlannedChange c, ObjectNode applyForm, KindRegistry kinds, ApplyContext ctx) {
    if (c.action() == Action.DELETE || c.action() == Action.RELEASE) {
      return null;
    }
    boolean creating = c.action() == Action.CREATE || c.action() == Action.REPLACE;
    try {
      return new Children(kinds.forObject(c.type(), creating ? null : c.id(), applyForm).orElseThrow()
          .targetChildren(ctx, creating ? null : c.id(), applyForm), null);
    } catch (Exception e) {
      return new Children(List.of(), e);
    }
  }

  /**
   * @param planned     the plan's changes of desired resources
   * @param applyForms  resolved attributes by address (references to objects still to be created unknown)
   * @param identities  resolved attributes with every reference that has a known value resolved (a
   *                    created scope's name), used to compute the target ids of declared children
   * @param children    {@link #read} of each planned change, by address
   */
  static Result removals(List<PlannedChange> planned, Map<String, ObjectNode> applyForms,
                         Function<PlannedChange, ObjectNode> identities, StateDocument state, KindRegistry kinds,
                         Map<String, Children> children) throws PlanException {
    Set<String> known = new HashSet<>();
    for (PlannedChange c : planned) {
      Kind kind = kinds.forObject(c.type(), c.id(), applyForms.get(c.address())).orElseThrow();
      kind.naturalId(applyForms.get(c.address())).or(() -> kind.naturalId(identities.apply(c)))
          .ifPresent(id -> known.add(c.type() + " " + id));
    }
    state.resources().values().forEach(e -> known.add(e.type() + " " + e.id()));

    Map<String, PlannedChange> containers = new TreeMap<>();
    for (PlannedChange c : planned) {
      if (c.action() != Action.DELETE && c.action() != Action.RELEASE) {
        containers.put(c.address(), c);
      }
    }
    Map<String, List<TargetChild>> found = new LinkedHashMap<>();
    List<String> errors = new ArrayList<>();
    containers.keySet().forEach(address -> {
      Children read = children.get(address);
      if (read.error() != null) {
        errors.add("reading the children of " + address + " in the target: " + read.error().getMessage());
      }
      found.put(address, read.found());
    });
    if (!errors.isEmpty()) {
      throw new PlanException("refresh failed:\n  " + String.join("\n  ", errors));
    }

    Set<String> taken = new HashSet<>(containers.keySet());
    taken.addAll(state.resources().keySet());
    Map<String, PlannedChange> removals = new TreeMap<>();
    Map<String, Set<String>> edges = new HashMap<>();
    found.forEach((address, list) -> {
      PlannedChange container = containers.get(address);
      for (TargetChild child : list) {
        if (!known.add(child.type() + " " + child.id())) {
          continue; // declared, tracked, or found twice
        }
        String name = child.name();
        if (taken.contains(child.type() + "." + name)) {
          name = Names.safe(name + "_" + child.id());
        }
        String childAddress = child.type() + "." + name;
        taken.add(childAddress);
        StateEntry found1 = new StateEntry(child.type(), child.id(), child.attrs(), List.of(address),
            container.desired().dir(), Set.of());
        removals.put(childAddress, PlannedChange.delete(childAddress, found1, REASON));
        if (container.action() == Action.CREATE || container.action() == Action.REPLACE) {
          edges.put(childAddress, Set.of(address));
        }
      }
    });
    return new Result(List.copyOf(removals.values()), edges);
  }
}
