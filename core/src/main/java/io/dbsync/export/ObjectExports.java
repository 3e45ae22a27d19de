package io.dbsync.export;

import io.dbsync.dag.DagExecutor;
import io.dbsync.kind.Kind;
import io.dbsync.kind.SourceObject;
import io.dbsync.plan.FamilySchedule;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Phase 2 of an export: every listed object exported once, at most {@code parallelism} at a time,
 * started by API family as the import starts its changes ({@link FamilySchedule#byLoad}): the objects
 * of the family that takes longest at its published rate go first, so that family is busy from the
 * start to the end, and the other families' objects interleave beside it in their own lanes. (Kind
 * after kind, the workspace family sat idle until the notebooks came up, then finished alone.) Each
 * object writes only its own file, so the order changes nothing in the output.
 */
final class ObjectExports {
  /** One object's export; it reports its own failure (only a virtual machine error may escape). */
  interface Export {
    void run(Kind kind, SourceObject obj);
  }

  private ObjectExports() {}

  /** @param objects each listed kind's named objects, in listing order (ties start in this order) */
  static void run(Map<Kind, List<SourceObject>> objects, int parallelism, Export export) {
    Map<String, List<String>> graph = new LinkedHashMap<>();
    Map<String, Kind> kindOf = new HashMap<>();
    Map<String, SourceObject> objectOf = new HashMap<>();
    int k = 0;
    for (Map.Entry<Kind, List<SourceObject>> e : objects.entrySet()) {
      int i = 0;
      for (SourceObject o : e.getValue()) {
        String node = String.format("%04d/%08d", k, i++); // names sort in listing order
        graph.put(node, List.of());
        kindOf.put(node, e.getKey());
        objectOf.put(node, o);
      }
      k++;
    }
    DagExecutor.Schedule schedule = FamilySchedule.byLoad(graph.keySet(), n -> kindOf.get(n).info().type(), false,
        parallelism);
    Map<String, DagExecutor.Outcome<Void>> outcomes;
    try {
      outcomes = DagExecutor.run(graph, parallelism, schedule, node -> {
        export.run(kindOf.get(node), objectOf.get(node));
        return null;
      });
    } catch (DagExecutor.CycleException e) {
      throw new IllegalStateException("objects wait for nothing, yet: " + e.getMessage(), e);
    }
    for (DagExecutor.Outcome<Void> o : outcomes.values()) {
      if (o.error() instanceof Error err) {
        throw err;
      }
      if (o.error() instanceof RuntimeException re) {
        throw re;
      }
    }
  }
}
