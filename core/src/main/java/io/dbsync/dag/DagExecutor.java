package io.dbsync.dag;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Runs one task per node of a dependency graph: a node becomes ready when every node it waits for
 * has succeeded, at most {@code parallelism} tasks run at once (virtual threads). Which ready node
 * gets the next free slot is the {@link Schedule}'s choice. A failed node makes every node that
 * (transitively) waits for it skipped; independent nodes go on.
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
   * How ready nodes compete for a free slot: the highest {@code priority} first (ties in topological
   * order), but a node whose {@code lane} already runs {@code laneLimit} tasks yields to ready nodes of
   * lanes below their limit. A lane may still take every slot when no other lane has ready work, so no
   * slot idles while a node is ready. (The import's lanes are API families: the slowest family's work
   * starts first and keeps its rate bucket busy, without starving the other families.)
   *
   * @param priority computed once per node, on the calling thread
   */
  public record Schedule(ToLongFunction<String> priority, Function<String, String> lane, int laneLimit) {
    /** Ready nodes start in topological order. */
    public static final Schedule TOPOLOGICAL = new Schedule(n -> 0, n -> "", Integer.MAX_VALUE);
  }

  /**
   * @param waitsFor node -> nodes it waits for (every node of the graph is a key; unknown targets are ignored)
   * @return outcome per node, in topological order
   */
  public static <T> Map<String, Outcome<T>> run(Map<String, List<String>> waitsFor, int parallelism,
                                                 NodeTask<T> task) throws CycleException {
    return run(waitsFor, parallelism, Schedule.TOPOLOGICAL, task);
  }

  /** As {@link #run(Map, int, NodeTask)}, ready nodes ordered by {@code schedule}. */
  public static <T> Map<String, Outcome<T>> run(Map<String, List<String>> waitsFor, int parallelism,
                                                 Schedule schedule, NodeTask<T> task) throws CycleException {
    return run(waitsFor, parallelism, schedule, n -> false, task);
  }

  /**
   * As {@link #run(Map, int, Schedule, NodeTask)}, except that the nodes {@code runsDespiteFailures}
   * accepts run once every node they wait for has settled, whether it succeeded or not (a node that
   * stands for several pieces of work, each with its own dependencies, decides per piece).
   */
  public static <T> Map<String, Outcome<T>> run(Map<String, List<String>> waitsFor, int parallelism,
                                                 Schedule schedule, Predicate<String> runsDespiteFailures,
                                                 NodeTask<T> task) throws CycleException {
    return run(waitsFor, parallelism, schedule, runsDespiteFailures, task, (node, outcome) -> { });
  }

  /** Told of each node's outcome as it settles (skipped nodes included). */
  @FunctionalInterface
  public interface SettleListener<T> {
    /** Called once per node, under the walk's lock in the order nodes settle: it must return quickly and never block. */
    void settled(String node, Outcome<T> outcome);
  }

  /** As {@link #run(Map, int, Schedule, Predicate, NodeTask)}, telling {@code listener} of each outcome as it settles. */
  public static <T> Map<String, Outcome<T>> run(Map<String, List<String>> waitsFor, int parallelism,
                                                 Schedule schedule, Predicate<String> runsDespiteFailures,
                                                 NodeTask<T> task, SettleListener<T> listener) throws CycleException {
    List<String> order = topologicalOrder(waitsFor);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      return new Walk<>(waitsFor, order, Math.max(1, parallelism), schedule, runsDespiteFailures, task, listener, pool)
          .run();
    }
  }

  /**
   * One run. Every field below the lock is read and written only while holding it: tasks run outside
   * it, their completion (outcome, newly ready nodes, the next dispatch) happens inside it, so a node
   * is made ready exactly once, by the completion that settles its last dependency.
   */
  private static final class Walk<T> {
    private final List<String> nodes;
    private final int[][] deps;
    private final List<List<Integer>> dependents = new ArrayList<>();
    private final long[] priority;
    private final String[] lane;
    private final boolean[] tolerant;
    private final int parallelism;
    private final int laneLimit;
    private final NodeTask<T> task;
    private final SettleListener<T> listener;
    private final ExecutorService pool;
    private final Comparator<Integer> precedence;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    private final int[] pending;
    private final List<Outcome<T>> outcomes;
    private final Map<String, TreeSet<Integer>> readyByLane = new HashMap<>();
    private final Map<String, Integer> runningByLane = new HashMap<>();
    private int running;
    private int unsettled;

    Walk(Map<String, List<String>> waitsFor, List<String> order, int parallelism, Schedule schedule,
         Predicate<String> runsDespiteFailures, NodeTask<T> task, SettleListener<T> listener, ExecutorService pool) {
      this.nodes = order;
      this.listener = listener;
      this.parallelism = parallelism;
      this.laneLimit = Math.max(1, schedule.laneLimit());
      this.task = task;
      this.pool = pool;
      int n = order.size();
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < n; i++) {
        index.put(order.get(i), i);
        dependents.add(new ArrayList<>());
      }
      deps = new int[n][];
      pending = new int[n];
      priority = new long[n];
      lane = new String[n];
      tolerant = new boolean[n];
      outcomes = new ArrayList<>(Collections.nCopies(n, null));
      for (int i = 0; i < n; i++) {
        String node = order.get(i);
        deps[i] = waitsFor.get(node).stream().filter(d -> waitsFor.containsKey(d) && !d.equals(node)).distinct()
            .mapToInt(index::get).toArray();
        for (int d : deps[i]) {
          dependents.get(d).add(i);
        }
        pending[i] = deps[i].length;
        priority[i] = schedule.priority().applyAsLong(node);
        lane[i] = schedule.lane().apply(node);
        tolerant[i] = runsDespiteFailures.test(node);
      }
      precedence = (a, b) -> priority[a] != priority[b] ? Long.compare(priority[b], priority[a]) : Integer.compare(a, b);
      unsettled = n;
    }

    Map<String, Outcome<T>> run() {
      lock.lock();
      try {
        for (int i = 0; i < nodes.size(); i++) {
          if (pending[i] == 0) {
            readyByLane.computeIfAbsent(lane[i], k -> new TreeSet<>(precedence)).add(i);
          }
        }
        dispatch();
        while (unsettled > 0) {
          finished.awaitUninterruptibly();
        }
        Map<String, Outcome<T>> out = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
          out.put(nodes.get(i), outcomes.get(i));
        }
        return out;
      } finally {
        lock.unlock();
      }
    }

    /** Starts ready nodes while slots are free (lock held). */
    private void dispatch() {
      while (running < parallelism) {
        Integer next = pick();
        if (next == null) {
          return;
        }
        int i = next;
        readyByLane.get(lane[i]).remove(i);
        running++;
        runningByLane.merge(lane[i], 1, Integer::sum);
        pool.execute(() -> runTask(i));
      }
    }

    /** The best ready node of a lane below its limit, else the best ready node; null when none is ready. */
    private Integer pick() {
      Integer best = null;
      Integer bestOverLimit = null;
      for (Map.Entry<String, TreeSet<Integer>> e : readyByLane.entrySet()) {
        if (e.getValue().isEmpty()) {
          continue;
        }
        Integer head = e.getValue().first();
        if (runningByLane.getOrDefault(e.getKey(), 0) < laneLimit) {
          best = best == null || precedence.compare(head, best) < 0 ? head : best;
        } else {
          bestOverLimit = bestOverLimit == null || precedence.compare(head, bestOverLimit) < 0 ? head : bestOverLimit;
        }
      }
      return best != null ? best : bestOverLimit;
    }

    private void runTask(int i) {
      Outcome<T> o;
      try {
        o = new Outcome<>(task.run(nodes.get(i)), null, null);
      } catch (Throwable t) {
        o = new Outcome<>(null, t, null);
      }
      lock.lock();
      try {
        running--;
        runningByLane.merge(lane[i], -1, Integer::sum);
        settle(i, o);
        dispatch();
      } finally {
        lock.unlock();
      }
    }

    /**
     * Records an outcome and makes ready the dependents it was the last dependency of; a dependent
     * of a failed or skipped node is skipped in turn (unless it runs despite failures) (a work list, not recursion: chains are long).
     */
    private void settle(int first, Outcome<T> firstOutcome) {
      Deque<Integer> work = new ArrayDeque<>();
      outcomes.set(first, firstOutcome);
      work.add(first);
      while (!work.isEmpty()) {
        int i = work.poll();
        listener.settled(nodes.get(i), outcomes.get(i));
        if (--unsettled == 0) {
          finished.signalAll();
        }
        for (int d : dependents.get(i)) {
          if (--pending[d] > 0) {
            continue;
          }
          Outcome<T> skip = tolerant[d] ? null : skipped(d);
          if (skip != null) {
            outcomes.set(d, skip);
            work.add(d);
          } else {
            readyByLane.computeIfAbsent(lane[d], k -> new TreeSet<>(precedence)).add(d);
          }
        }
      }
    }

    /** The first dependency (in the order listed) that did not succeed, as a skip; null when all did. */
    private Outcome<T> skipped(int i) {
      for (int d : deps[i]) {
        Outcome<T> o = outcomes.get(d);
        if (!o.ok()) {
          return new Outcome<>(null, null, o.skippedBecause() != null ? o.skippedBecause() : nodes.get(d));
        }
      }
      return null;
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
