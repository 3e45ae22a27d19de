package io.dbsync.export;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * The export's reference index (type + source id -> resource name), filled while the kinds list and
 * read while objects export, which overlap: a lookup of a type waits until every selected kind of
 * that type has been named (its directory's kinds all listed) or has failed (its previous
 * {@code .source-ids.json} loaded). So a reference never degrades to a raw id because its target's
 * listing was still running. Types no selected kind exports are answered at once. Lookups never wait
 * for anything but listings, which run on their own threads and always settle, so no lookup waits
 * forever.
 */
final class ReferenceIndex {
  /** No names, nothing to wait for: what a kind sees while listing. */
  static final ReferenceIndex EMPTY = new ReferenceIndex(List.of());

  private final Map<String, String> names = new ConcurrentHashMap<>();
  /** type -> kinds of that type not yet settled; immutable after construction. */
  private final Map<String, CountDownLatch> unsettled;

  /** @param types the type of every selected kind (a type listed twice waits for both kinds) */
  ReferenceIndex(Collection<String> types) {
    Map<String, Integer> counts = new HashMap<>();
    types.forEach(t -> counts.merge(t, 1, Integer::sum));
    Map<String, CountDownLatch> latches = new HashMap<>();
    counts.forEach((t, n) -> latches.put(t, new CountDownLatch(n)));
    this.unsettled = Map.copyOf(latches);
  }

  /** The resource name of a listed object; waits while a kind of {@code type} is not settled. */
  String get(String type, String id) {
    CountDownLatch latch = unsettled.get(type);
    if (latch != null) {
      try {
        latch.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the listing of " + type, e);
      }
    }
    return names.get(key(type, id));
  }

  /** A name from this run's listing (wins over a previous run's). */
  void put(String type, String id, String name) {
    names.put(key(type, id), name);
  }

  /** A name from a previous run's {@code .source-ids.json} (this run's names win). */
  void putIfAbsent(String type, String id, String name) {
    names.putIfAbsent(key(type, id), name);
  }

  /** One kind of {@code type} is named (or its previous names loaded): lookups wait for one kind less. */
  void settled(String type) {
    CountDownLatch latch = unsettled.get(type);
    if (latch != null) {
      latch.countDown();
    }
  }

  private static String key(String type, String id) {
    return type + "\u0000" + id;
  }
}
