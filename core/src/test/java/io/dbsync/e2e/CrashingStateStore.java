package io.dbsync.e2e;

import io.dbsync.state.LockInfo;
import io.dbsync.state.StateLock;
import io.dbsync.state.StateLockedException;
import io.dbsync.state.StateStore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A state store that "crashes" the run: the first write whose state would record an object of
 * {@code type} fails, and so does every write after it, as if the process died right after the
 * target acknowledged that object but before its id reached the state.
 */
final class CrashingStateStore implements StateStore {
  private final StateStore delegate;
  private final String addressPrefix;
  private volatile boolean crashed;

  CrashingStateStore(StateStore delegate, String type) {
    this.delegate = delegate;
    this.addressPrefix = "\"" + type + ".";
  }

  boolean crashed() {
    return crashed;
  }

  @Override
  public Optional<byte[]> read() throws IOException {
    return delegate.read();
  }

  @Override
  public void write(byte[] state) throws IOException {
    if (!crashed && new String(state, StandardCharsets.UTF_8).contains(addressPrefix)) {
      crashed = true;
    }
    if (crashed) {
      throw new IOException("simulated crash: state not saved");
    }
    delegate.write(state);
  }

  @Override
  public StateLock lock(LockInfo info) throws IOException, StateLockedException {
    return delegate.lock(info);
  }

  @Override
  public String describe() {
    return "crashing " + delegate.describe();
  }
}
