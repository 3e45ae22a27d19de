package io.dbsync.export;

import io.dbsync.kind.Kind;
import io.dbsync.kind.SourceObject;
import io.dbsync.plan.FamilySchedule;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Phase 2 of an export: every listed object exported once, at most {@code slots} at a time (virtual
 * threads), objects added while other kinds still list. Objects wait in one lane per API family (of
 * their type); a free slot goes to the lane with the most work left at its published rate (objects
 * waiting x one request's time, {@link FamilySchedule#requestMicros}), so the family that takes
 * longest is busy from the start to the end.
 *
 * <p>That lane may hold two thirds of the slots, every other lane a third: an object's task makes
 * requests in several families (a notebook's export in workspace:read, then its permissions GET),
 * and when the other lanes' tasks, which mostly make permissions GETs, keep the permissions bucket
 * saturated, each busiest-lane task also queues there. With half the slots (as before) the notebooks
 * then left their bucket idle a fifth of the time; with two thirds there are enough notebook tasks
 * in flight to keep it full while the others wait their turn in the permissions bucket. A slot never
 * idles while an object waits: over their limits, lanes still take free slots.
 *
 * <p>Each object writes only its own file, so the order changes nothing in the output.
 */
final class ObjectScheduler implements AutoCloseable {
  /** One object's export; it reports its own failure (only a virtual machine error should escape). */
  interface Export {
    void run(Kind kind, SourceObject obj);
  }

  private record Item(Kind kind, SourceObject obj) {}

  private static final class Lane {
    final long requestMicros;
    final ArrayDeque<Item> waiting = new ArrayDeque<>();
    int running;

    Lane(long requestMicros) {
      this.requestMicros = requestMicros;
    }

    long load() {
      return waiting.size() * requestMicros;
    }
  }

  private final int slots;
  private final int busiestLimit;
  private final int otherLimit;
  private final Export export;
  private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private final Map<String, Lane> lanes = new HashMap<>();
  private int running;
  private boolean closed;
  private boolean stopped;
  private Throwable error;

  ObjectScheduler(int slots, Export export) {
    this.slots = Math.max(1, slots);
    this.otherLimit = Math.max(1, this.slots / 3);
    this.busiestLimit = Math.max(1, this.slots - this.slots / 3);
    this.export = export;
  }

  /** Queues a kind's named objects; they start as slots free up. */
  void add(Kind kind, List<SourceObject> objects) {
    if (objects.isEmpty()) {
      return;
    }
    String type = kind.info().type();
    String family = FamilySchedule.familyOf(type);
    lock.lock();
    try {
      Lane lane = lanes.computeIfAbsent(family, f -> new Lane(FamilySchedule.requestMicros(type, false)));
      objects.forEach(o -> lane.waiting.add(new Item(kind, o)));
      dispatch();
    } finally {
      lock.unlock();
    }
  }

  /**
   * No more objects will be added: returns once every added object is exported. Rethrows what escaped
   * an object's task (after the others finished; none starts after it).
   */
  void finish() {
    lock.lock();
    try {
      closed = true;
      while (running > 0 || (error == null && lanes.values().stream().anyMatch(l -> !l.waiting.isEmpty()))) {
        idle.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
    }
    if (error instanceof Error e) {
      throw e;
    }
    if (error instanceof RuntimeException e) {
      throw e;
    }
    if (error != null) {
      throw new IllegalStateException(error);
    }
  }

  /**
   * Starts nothing more and waits for the tasks still running: after {@link #finish}, none; when the
   * run stops early (an error escaped a listing), the objects still waiting are dropped.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      stopped = true;
    } finally {
      lock.unlock();
    }
    pool.close();
  }

  /** Starts waiting objects while slots are free (lock held). */
  private void dispatch() {
    while (running < slots && error == null && !stopped) {
      Lane lane = pick();
      if (lane == null) {
        return;
      }
      Item item = lane.waiting.poll();
      lane.running++;
      running++;
      pool.execute(() -> run(lane, item));
    }
  }

  /**
   * The lane with the most work left if below its limit, else the one with most work among those below
   * theirs, else (every lane with waiting objects at its limit) the one with most work: null when none waits.
   */
  private Lane pick() {
    Lane busiest = null;
    Lane belowLimit = null;
    for (Lane l : lanes.values()) {
      if (l.waiting.isEmpty()) {
        continue;
      }
      if (busiest == null || l.load() > busiest.load()) {
        busiest = l;
      }
    }
    if (busiest == null || busiest.running < busiestLimit) {
      return busiest;
    }
    for (Lane l : lanes.values()) {
      if (l != busiest && !l.waiting.isEmpty() && l.running < otherLimit
          && (belowLimit == null || l.load() > belowLimit.load())) {
        belowLimit = l;
      }
    }
    return belowLimit != null ? belowLimit : busiest;
  }

  private void run(Lane lane, Item item) {
    Throwable failed = null;
    try {
      export.run(item.kind, item.obj);
    } catch (Throwable t) {
      failed = t;
    }
    lock.lock();
    try {
      lane.running--;
      running--;
      if (failed != null && error == null) {
        error = failed;
      }
      dispatch();
      if (closed) {
        idle.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }
}
