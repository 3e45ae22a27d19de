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
  /** The Nth create (1-based, counted over all kinds) stores the object and then throws: a crash before the state write. */
  public volatile int crashAfterCreateNumber = -1;
  /** Creates of objects with this label fail before storing anything. */
  public volatile String failCreateOfLabel;
  private final AtomicInteger creates = new AtomicInteger();

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

  int nextCreateNumber() {
    return creates.incrementAndGet();
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
