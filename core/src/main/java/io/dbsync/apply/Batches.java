package io.dbsync.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.dag.DagExecutor;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindRegistry;
import io.dbsync.plan.Action;
import io.dbsync.plan.PlannedChange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The creates, and the deletes, an apply sends together: changes whose kind answers the same
 * {@link Kind#batchKey} (the memberships of one group: one PATCH instead of one per member, issue 14;
 * creates from the desired attributes, deletes from the state's). In the apply's graph
 * a batch is one node that waits for what any of its members waits for and runs even when some of
 * that failed (it then leaves those members out); each member stays a node of its own that waits for
 * the batch and reports the member's result, so whatever depends on one member waits for that member
 * alone and is skipped only when that member failed.
 */
final class Batches {
  /**
   * Values per request. SCIM lets one add op carry any number of values, but a bounded request keeps
   * the body small, a failed batch's fallback (one request per member) short, and the members a crash
   * mid-request leaves pending few; 100 covers the groups of real workspaces in one or a few PATCHes.
   */
  static final int MAX = 100;

  private static final String PREFIX = "batch ";
  private static final String DELETES = "delete ";

  /** A batch: its members in plan order, the kind that writes them, and whether it deletes them (else creates). */
  record Batch(String node, Kind kind, List<PlannedChange> members, boolean deletes) {}

  /** A member left out of its batch because {@code dependency}, which it waits for, did not succeed. */
  static final class Blocked extends Exception {
    final String dependency;

    Blocked(String dependency) {
      super("not attempted: it depends on " + dependency + ", which failed");
      this.dependency = dependency;
    }
  }

  private final Map<String, Batch> byNode = new LinkedHashMap<>();
  private final Map<String, Batch> byMember = new HashMap<>();
  /** The result of a member a delete batch removed. */
  private static final Object DELETED = new Object();
  /** Member address -> its result: the target id, {@link #DELETED}, or the exception it failed with. */
  private final Map<String, Object> results = new ConcurrentHashMap<>();

  private Batches() {}

  /**
   * The batches of these changes: creates of a batchable kind sharing a key, and deletes sharing one,
   * two or more, at most {@link #MAX} each.
   */
  static Batches of(List<PlannedChange> changes, KindRegistry kinds) {
    Map<String, List<PlannedChange>> byKey = new LinkedHashMap<>();
    Map<String, Kind> kindOf = new HashMap<>();
    for (PlannedChange c : changes) {
      boolean create = c.action() == Action.CREATE && c.desired() != null;
      boolean delete = c.action() == Action.DELETE && c.prior() != null && c.id() != null;
      if (!create && !delete) {
        continue;
      }
      ObjectNode attrs = create ? c.desired().attrs() : c.prior().attributes();
      Optional<Kind> kind = kinds.forObject(c.type(), create ? null : c.id(), attrs);
      Optional<String> key = kind.flatMap(k -> k.batchKey(attrs));
      if (key.isPresent()) {
        String k = (create ? "" : DELETES) + c.type() + " " + key.get();
        byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(c);
        kindOf.put(k, kind.get());
      }
    }
    Batches b = new Batches();
    byKey.forEach((key, members) -> {
      for (int from = 0; from < members.size(); from += MAX) {
        List<PlannedChange> chunk = members.subList(from, Math.min(members.size(), from + MAX));
        if (chunk.size() > 1) {
          Batch batch = new Batch(PREFIX + (b.byNode.size() + 1) + " (" + key + ")", kindOf.get(key), List.copyOf(chunk),
              key.startsWith(DELETES));
          b.byNode.put(batch.node(), batch);
          chunk.forEach(c -> b.byMember.put(c.address(), batch));
        }
      }
    });
    return b;
  }

  /**
   * The apply's graph with the batches in it. When batching would make a cycle (a member waits, through
   * other changes, for a member of its own batch), nothing is batched.
   */
  Map<String, List<String>> graph(Map<String, List<String>> waitsFor) {
    if (byNode.isEmpty()) {
      return waitsFor;
    }
    Map<String, List<String>> out = new LinkedHashMap<>(waitsFor);
    for (Batch batch : byNode.values()) {
      Set<String> deps = new LinkedHashSet<>();
      for (PlannedChange m : batch.members()) {
        deps.addAll(ownDependencies(m, waitsFor));
        out.put(m.address(), List.of(batch.node()));
      }
      out.put(batch.node(), List.copyOf(deps));
    }
    try {
      DagExecutor.topologicalOrder(out);
      return out;
    } catch (DagExecutor.CycleException e) {
      byNode.clear();
      byMember.clear();
      return waitsFor;
    }
  }

  /** What a member waits for in the plan's graph, without the members of its own batch. */
  List<String> ownDependencies(PlannedChange member, Map<String, List<String>> waitsFor) {
    Batch own = byMember.get(member.address());
    return waitsFor.get(member.address()).stream()
        .filter(d -> waitsFor.containsKey(d) && !d.equals(member.address()) && byMember.get(d) != own)
        .distinct().toList();
  }

  Optional<Batch> batch(String node) {
    return Optional.ofNullable(byNode.get(node));
  }

  boolean isMember(String address) {
    return byMember.containsKey(address);
  }

  /** Node -> resource type, for batch nodes the type of their members. */
  String type(String node, Map<String, PlannedChange> byAddress) {
    Batch b = byNode.get(node);
    return b != null ? b.members().get(0).type() : byAddress.get(node).type();
  }

  void succeeded(String member, String id) {
    results.put(member, id);
  }

  /** A member of a delete batch is gone (its result, like a delete's, has no id). */
  void deleted(String member) {
    results.put(member, DELETED);
  }

  void failed(String member, Exception e) {
    results.put(member, e);
  }

  /** A member's result once its batch ran: the target id, else the member's failure is thrown. */
  String result(String member) throws Exception {
    Object r = results.get(member);
    if (r instanceof Exception e) {
      throw e;
    }
    if (r == null) {
      throw new IllegalStateException(member + ": its batch did not report it");
    }
    return r == DELETED ? null : (String) r;
  }

  /**
   * The change that made {@code node} fail or be skipped at the root: through skipped nodes to the
   * one that failed, and through members left out of a batch to what they waited for.
   */
  static String rootCause(String node, Map<String, DagExecutor.Outcome<String>> outcomes) {
    String n = node;
    for (int guard = 0; guard <= outcomes.size(); guard++) {
      DagExecutor.Outcome<String> o = outcomes.get(n);
      if (o == null) {
        return n;
      } else if (o.skippedBecause() != null) {
        n = o.skippedBecause();
      } else if (o.error() instanceof Blocked b) {
        n = b.dependency;
      } else {
        return n;
      }
    }
    return n;
  }
}
