package io.dbsync.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory "target workspace" behind {@link FakeKind}: objects by type and id, a log of every
 * write, counters, and fault injection. It fakes our Kind interface, not the Databricks API.
 */
public final class FakeTarget {
  private final Map<String, Map<String, ObjectNode>> objects = new LinkedHashMap<>();
  private final AtomicInteger nextId = new AtomicInteger(100);
  /** "create databricks_x.<label>", "update ...", "delete ..." in the order they happened. */
  public final List<String> writes = Collections.synchronizedList(new ArrayList<>());
  public final AtomicInteger reads = new AtomicInteger();
  public final AtomicInteger adoptCalls = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  public final AtomicInteger maxInFlight = new AtomicInteger();
  /** Milliseconds each write takes (to observe parallelism). */
  public volatile long writeDelayMillis;
  /**
   * The create of this object ("databricks_x.<label>", as in {@link #writes}) stores it and then throws:
   * a crash before the state write. Named, not counted, since the order of independent creates is the
   * scheduler's.
   */
  public volatile String crashAfterCreateOf;
  /** Creates of objects with this label fail before storing anything. */
  public volatile String failCreateOfLabel;

  public synchronized String put(String type, ObjectNode attrs) {
    String id = String.valueOf(nextId.getAndIncrement());
    objects.computeIfAbsent(type, k -> new LinkedHashMap<>()).put(id, attrs.deepCopy());
    return id;
  }

  public synchronized void replace(String type, String id, ObjectNode attrs) {
    objects.computeIfAbsent(type, k -> new LinkedHashMap<>()).put(id, attrs.deepCopy());
  }

  public synchronized Optional<ObjectNode> get(String type, String id) {
    ObjectNode o = objects.getOrDefault(type, Map.of()).get(id);
    return Optional.ofNullable(o == null ? null : o.deepCopy());
  }

  public synchronized boolean remove(String type, String id) {
    return objects.getOrDefault(type, new LinkedHashMap<>()).remove(id) != null;
  }

  public synchronized Map<String, ObjectNode> all(String type) {
    return new LinkedHashMap<>(objects.getOrDefault(type, Map.of()));
  }

  public int count(String type) {
    return all(type).size();
  }

  public int writeCount() {
    return writes.size();
  }

  void enter() {
    int n = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(n, Math::max);
    if (writeDelayMillis > 0) {
      try {
        Thread.sleep(writeDelayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  void leave() {
    inFlight.decrementAndGet();
  }
}
