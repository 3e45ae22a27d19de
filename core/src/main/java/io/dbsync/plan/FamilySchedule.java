package io.dbsync.plan;

import io.dbsync.client.PublishedLimits;
import io.dbsync.dag.DagExecutor;
import io.dbsync.kind.ImportFamilies;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Orders an import's changes (or refreshes) so the slowest API family is busy from the start: each
 * node weighs the time one request takes in its family's published rate bucket (scim:write at 5/s
 * weighs 200 ms, jobs:write at 20/s 50 ms), and its priority is the heaviest chain of weights from it
 * through what waits for it (a group before the memberships that wait for it). Each family is a lane
 * limited to half the slots, so the slow family cannot hold every slot while its bucket only lets
 * one request through at a time and the fast families wait (see {@link DagExecutor.Schedule}).
 */
public final class FamilySchedule {
  private FamilySchedule() {}

  /**
   * @param waitsFor the graph as given to {@link DagExecutor#run}
   * @param typeOf   node -> resource type
   * @param write    true for apply (write buckets), false for refresh (read buckets)
   */
  public static DagExecutor.Schedule of(Map<String, List<String>> waitsFor, Function<String, String> typeOf,
                                        boolean write, int parallelism) throws DagExecutor.CycleException {
    Map<String, String> family = new HashMap<>();
    Map<String, List<String>> dependents = new HashMap<>();
    waitsFor.forEach((node, deps) -> {
      family.put(node, familyOf(typeOf.apply(node)));
      for (String d : deps) {
        if (waitsFor.containsKey(d) && !d.equals(node)) {
          dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(node);
        }
      }
    });
    List<String> order = DagExecutor.topologicalOrder(waitsFor);
    Map<String, Long> chain = new HashMap<>();
    for (int i = order.size() - 1; i >= 0; i--) {
      String node = order.get(i);
      long heaviestAfter = 0;
      for (String d : dependents.getOrDefault(node, List.of())) {
        heaviestAfter = Math.max(heaviestAfter, chain.get(d));
      }
      chain.put(node, microsPerRequest(family.get(node), write) + heaviestAfter);
    }
    return new DagExecutor.Schedule(chain::get, family::get, Math.max(1, parallelism / 2));
  }

  /**
   * Microseconds one request of a {@code type}'s API family takes at the family's published (or
   * assumed) rate: the weight an export gives each object waiting in its family's lane.
   */
  public static long requestMicros(String type, boolean write) {
    return microsPerRequest(familyOf(type), write);
  }

  /** The API family whose rate bucket a type's requests go to ("other" when none is known). */
  public static String familyOf(String type) {
    return ImportFamilies.familyOf(type).orElse("other");
  }

  /** Microseconds one request takes in the family's bucket at its published (or assumed) rate. */
  static long microsPerRequest(String family, boolean write) {
    double perSecond = PublishedLimits.of(family, write).map(PublishedLimits.Limit::perSecond)
        .orElse(PublishedLimits.UNPUBLISHED);
    return Math.round(1_000_000 / perSecond);
  }
}
