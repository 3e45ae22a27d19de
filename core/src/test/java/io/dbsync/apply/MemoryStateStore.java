package io.dbsync.apply;

import io.dbsync.lock.LockInfo;
import io.dbsync.state.StateLock;
import io.dbsync.state.StateStore;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A state store in memory that counts its writes; each write may take a while, like a remote bucket's. */
final class MemoryStateStore implements StateStore {
  final AtomicReference<byte[]> latest = new AtomicReference<>();
  final AtomicInteger writes = new AtomicInteger();
  private final long writeMillis;

  MemoryStateStore(long writeMillis) {
    this.writeMillis = writeMillis;
  }

  @Override
  public Optional<byte[]> read() {
    return Optional.ofNullable(latest.get());
  }

  @Override
  public void write(byte[] state) throws IOException {
    try {
      Thread.sleep(writeMillis);
    } catch (InterruptedException e) {
      throw new IOException(e);
    }
    latest.set(state);
    writes.incrementAndGet();
  }

  @Override
  public StateLock lock(LockInfo info) {
    return () -> { };
  }

  @Override
  public void forceUnlock(String lockId) throws IOException {
    // its lock() holds nothing, so no id names a held lock: the answer every store gives a wrong id
    throw new IOException("no lock " + lockId + " is held on " + describe());
  }

  @Override
  public String describe() {
    return "memory";
  }
}
