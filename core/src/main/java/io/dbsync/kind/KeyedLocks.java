package io.dbsync.kind;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per key, for a load (or a write) that one thread at a time does per key while the others
 * wait for its result: a folder's listing, a scope's secrets, a group's members, a folder's mkdirs.
 *
 * <p>A {@link ReentrantLock}, not a monitor: on Java 21 a virtual thread that blocks in a network call
 * inside {@code synchronized}, or waits to enter one, pins its carrier thread, and there is one carrier
 * per core, so a few such waits stall every other task of the run (Java 24 lifted this, JEP 491; the
 * tool runs on 21 and later). Waiting on a ReentrantLock parks the virtual thread and frees its carrier.
 */
public final class KeyedLocks {
  /** A body that may fail with {@code E}. */
  public interface Body<T, E extends Exception> {
    T run() throws E;
  }

  private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  /** Runs {@code body} holding {@code key}'s lock. */
  public <T, E extends Exception> T with(String key, Body<T, E> body) throws E {
    ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
    lock.lock();
    try {
      return body.run();
    } finally {
      lock.unlock();
    }
  }
}
