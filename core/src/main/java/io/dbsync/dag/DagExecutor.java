package io.dbsync.dag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Runs one task per node of a dependency graph: a node starts when every node it waits for has
 * succeeded, at most {@code parallelism} tasks run at once (virtual threads, a semaphore bounds
 * them). A failed node makes every node that (transitively) waits for it skipped; independent nodes
 * go on.
 */
public final class DagExecutor {
  private DagExecutor() {}

  @FunctionalInterface
  public interface NodeTask<T> {
    T run(String node) throws Exception;
  }

  /** A node's outcome: value (success), error (failed) or skippedBecause (the failed node upstream). */
  public record Outcome<T>(T value, Throwable error, String skippedBecause) {
    public boolean ok() {
      return error == null && skippedBecause == null;
    }
  }

  /** The graph has a cycle; the message lists the nodes on it. */
  public static final class CycleException extends Exception {
    public CycleException(String message) {
      super(message);
    }
  }

  /**
   * @param waitsFor node -> nodes it waits for (every node of the graph is a key; unknown targets are ignored)
   * @return outcome per node, in topological order
   */
  public static <T> Map<String, Outcome<T>> run(Map<String, List<String>> waitsFor, int parallelism,
                                                 NodeTask<T> task) throws CycleException {
    List<String> order = topologicalOrder(waitsFor);
    Semaphore permits = new Semaphore(Math.max(1, parallelism));
    // Written by this thread only, read by it only: each task gets its dependencies' futures captured
    // in its own list, never looks them up in this map (task threads reading a map this thread is still
    // filling once lost entries at scale).
    Map<String, CompletableFuture<Outcome<T>>> futures = new HashMap<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (String node : order) {
        List<String> deps = waitsFor.get(node).stream().filter(d -> waitsFor.containsKey(d) && !d.equals(node))
            .distinct().toList();
        List<CompletableFuture<Outcome<T>>> depFutures = deps.stream().map(futures::get).toList();
        CompletableFuture<Outcome<T>> f = CompletableFuture.allOf(depFutures.toArray(CompletableFuture[]::new))
            .thenApplyAsync(ignored -> {
              for (int i = 0; i < deps.size(); i++) {
                Outcome<T> o = depFutures.get(i).join();
                if (!o.ok()) {
                  return new Outcome<T>(null, null, o.skippedBecause() != null ? o.skippedBecause() : deps.get(i));
                }
              }
              permits.acquireUninterruptibly();
              try {
                return new Outcome<T>(task.run(node), null, null);
              } catch (Throwable t) {
                return new Outcome<T>(null, t, null);
              } finally {
                permits.release();
              }
            }, pool);
        futures.put(node, f);
      }
      Map<String, Outcome<T>> out = new LinkedHashMap<>();
      for (String node : order) {
        out.put(node, futures.get(node).join());
      }
      return out;
    }
  }

  /** Kahn's algorithm, ties broken by name so the order is deterministic. */
  public static List<String> topologicalOrder(Map<String, List<String>> waitsFor) throws CycleException {
    Map<String, Integer> pending = new HashMap<>();
    Map<String, List<String>> dependents = new HashMap<>();
    for (Map.Entry<String, List<String>> e : waitsFor.entrySet()) {
      int n = 0;
      for (String d : new TreeSet<>(e.getValue())) {
        if (waitsFor.containsKey(d) && !d.equals(e.getKey())) {
          n++;
          dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(e.getKey());
        }
      }
      pending.put(e.getKey(), n);
    }
    TreeSet<String> ready = new TreeSet<>();
    pending.forEach((k, v) -> {
      if (v == 0) {
        ready.add(k);
      }
    });
    List<String> order = new ArrayList<>();
    while (!ready.isEmpty()) {
      String n = ready.pollFirst();
      order.add(n);
      for (String dep : dependents.getOrDefault(n, List.of())) {
        if (pending.merge(dep, -1, Integer::sum) == 0) {
          ready.add(dep);
        }
      }
    }
    if (order.size() != waitsFor.size()) {
      TreeSet<String> stuck = new TreeSet<>(waitsFor.keySet());
      stuck.removeAll(order);
      throw new CycleException("dependency cycle among: " + String.join(", ", stuck));
    }
    return order;
  }
}
