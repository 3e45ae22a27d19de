package io.dbsync.plan;

import io.dbsync.dag.DagExecutor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs one task per node on virtual threads, in the background: each node belongs to a lane (an API
 * family), a lane runs at most {@code laneLimit} tasks at once and all lanes together at most
 * {@code totalLimit}; when a slot is free the lane of highest priority with room starts its next node
 * (nodes of a lane start in the order given). A node may have to start after others ({@code after}):
 * it starts once they settled, whatever their outcome (an ordering, not a need). Each node's outcome
 * is a future ({@link #outcome}); {@link #cancel} starts nothing more and returns once the running
 * tasks have ended, the futures of nodes never started cancelled.
 *
 * <p>Every field below the lock is read and written only while holding it; tasks run outside it and
 * their completion (counts, newly startable nodes, the next starts) happens inside it, so a node is
 * started at most once ({@code LaneRunnerStressTest}).
 */
final class LaneRunner<T> {
  /** One node's work. */
  @FunctionalInterface
  interface Task<T> {
    T run(String node) throws Exception;
  }

  private final Task<T> task;
  private final int laneLimit;
  private final int totalLimit;
  private final Map<String, CompletableFuture<T>> outcomes = new LinkedHashMap<>();
  private final Map<String, List<String>> dependents = new HashMap<>();
  private final Map<String, String> laneOf;
  /** Lanes by priority, highest first. */
  private final List<Lane> lanes = new ArrayList<>();
  private final Map<String, Lane> laneByName = new HashMap<>();

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private final Map<String, Integer> waitingFor = new HashMap<>();
  private int running;
  private boolean cancelled;

  private static final class Lane {
    final long priority;
    final ArrayDeque<String> ready = new ArrayDeque<>();
    int running;

    Lane(long priority) {
      this.priority = priority;
    }
  }

  /**
   * @param laneOf       node -> lane, in the order nodes of a lane should start
   * @param after        node -> nodes it starts after (others ignored); must not form a cycle
   * @param lanePriority lane -> priority (higher starts first when slots are short)
   */
  LaneRunner(Map<String, String> laneOf, Map<String, List<String>> after, Map<String, Long> lanePriority,
             int laneLimit, int totalLimit, Task<T> task) {
    this.laneOf = laneOf;
    this.task = task;
    this.laneLimit = Math.max(1, laneLimit);
    this.totalLimit = Math.max(1, totalLimit);
    Map<String, List<String>> graph = new HashMap<>();
    laneOf.forEach((node, lane) -> {
      outcomes.put(node, new CompletableFuture<>());
      List<String> before = after.getOrDefault(node, List.of()).stream()
          .filter(d -> laneOf.containsKey(d) && !d.equals(node)).distinct().toList();
      graph.put(node, before);
      waitingFor.put(node, before.size());
      before.forEach(d -> dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(node));
      laneByName.computeIfAbsent(lane, l -> new Lane(lanePriority.getOrDefault(l, 0L)));
    });
    try {
      DagExecutor.topologicalOrder(graph);
    } catch (DagExecutor.CycleException e) {
      throw new IllegalArgumentException("the nodes' order has a cycle: " + e.getMessage(), e);
    }
    lanes.addAll(laneByName.values());
    lanes.sort(Comparator.comparingLong((Lane l) -> l.priority).reversed());
  }

  /** Starts the first nodes; the rest start as slots free up. */
  LaneRunner<T> start() {
    lock.lock();
    try {
      laneOf.forEach((node, lane) -> {
        if (waitingFor.get(node) == 0) {
          laneByName.get(lane).ready.add(node);
        }
      });
      dispatch();
    } finally {
      lock.unlock();
    }
    return this;
  }

  /** The node's outcome: its task's value or failure (cancelled when {@link #cancel} came first). */
  CompletableFuture<T> outcome(String node) {
    CompletableFuture<T> f = outcomes.get(node);
    if (f == null) {
      throw new IllegalArgumentException("not a node: " + node);
    }
    return f;
  }

  boolean has(String node) {
    return outcomes.containsKey(node);
  }

  /** Starts no more nodes and returns once every running task has ended. */
  void cancel() {
    lock.lock();
    try {
      cancelled = true;
      while (running > 0) {
        idle.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
    }
    outcomes.values().forEach(f -> f.completeExceptionally(new CancellationException("refresh cancelled")));
  }

  /** Starts ready nodes while slots are free (lock held). */
  private void dispatch() {
    while (!cancelled && running < totalLimit) {
      Lane lane = null;
      for (Lane l : lanes) {
        if (!l.ready.isEmpty() && l.running < laneLimit) {
          lane = l;
          break;
        }
      }
      if (lane == null) {
        return;
      }
      String node = lane.ready.poll();
      lane.running++;
      running++;
      Lane started = lane;
      Thread.ofVirtual().name("refresh " + node).start(() -> run(node, started));
    }
  }

  private void run(String node, Lane lane) {
    CompletableFuture<T> f = outcomes.get(node);
    try {
      f.complete(task.run(node));
    } catch (Throwable e) {
      f.completeExceptionally(e);
    } finally {
      settled(node, lane);
    }
  }

  private void settled(String node, Lane lane) {
    lock.lock();
    try {
      lane.running--;
      running--;
      for (String d : dependents.getOrDefault(node, List.of())) {
        if (waitingFor.merge(d, -1, Integer::sum) == 0) {
          laneByName.get(laneOf.get(d)).ready.add(d);
        }
      }
      dispatch();
      if (running == 0) {
        idle.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }
}
