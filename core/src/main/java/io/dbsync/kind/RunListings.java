package io.dbsync.kind;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The listings one run reads once (run-scoped, {@link KindContext#shared}): a kind's whole listing, a
 * workspace folder's children. They answer the planner's "does this object already exist?" (adopt) and
 * refreshes that the listing answers exactly, so an import into an empty workspace asks the API once per
 * kind (or folder) rather than once per object, and never collects a 404 per object.
 *
 * <p>Single-flight: of many threads asking for one key at once, one loads and the others wait for that
 * load. Kept true by the kinds' own writes: {@link #changed} drops a listing, and a load that a write
 * overlapped is used by its caller but not kept.
 */
public final class RunListings {
  /** Loads one listing; may answer null (e.g. "the folder does not exist"), which is cached too. */
  @FunctionalInterface
  public interface Loader<T> {
    T load() throws IOException;
  }

  private final Map<String, Optional<Object>> values = new ConcurrentHashMap<>();
  private final KeyedLocks loads = new KeyedLocks();
  private final Map<String, Long> writes = new ConcurrentHashMap<>();
  /** Writes to whole subtrees ({@link #changedUnder}): a load that one overlapped is not kept either. */
  private long subtreeWrites;

  public static RunListings of(KindContext ctx) {
    return ctx.shared(RunListings.class, RunListings::new);
  }

  /** The listing under {@code key}, loaded by {@code loader} the first time it is asked for. */
  @SuppressWarnings("unchecked")
  public <T> T get(String key, Loader<T> loader) throws IOException {
    Optional<Object> cached = values.get(key);
    if (cached != null) {
      return (T) cached.orElse(null);
    }
    return loads.with(key, () -> {
      Optional<Object> loadedMeanwhile = values.get(key);
      if (loadedMeanwhile != null) {
        return (T) loadedMeanwhile.orElse(null);
      }
      long writesBefore;
      long subtreeWritesBefore;
      synchronized (this) {
        writesBefore = writes.getOrDefault(key, 0L);
        subtreeWritesBefore = subtreeWrites;
      }
      T loaded = loader.load();
      synchronized (this) {
        if (writes.getOrDefault(key, 0L) == writesBefore && subtreeWrites == subtreeWritesBefore) {
          values.put(key, Optional.ofNullable(loaded));
        }
      }
      return loaded;
    });
  }

  /** What {@code key} lists was written: the listing is read again when next asked for. */
  public synchronized void changed(String key) {
    writes.merge(key, 1L, Long::sum);
    values.remove(key);
  }

  /** Whether this run wrote what {@code key} lists ({@link #changed}) at any time so far. */
  public boolean changedInRun(String key) {
    return writes.containsKey(key);
  }

  /** Every listing whose key starts with {@code prefix} was written (a folder and everything below it). */
  public synchronized void changedUnder(String prefix) {
    subtreeWrites++;
    values.keySet().removeIf(key -> key.startsWith(prefix));
  }
}
