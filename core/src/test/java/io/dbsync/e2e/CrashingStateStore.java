package io.dbsync.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.lock.LockInfo;
import io.dbsync.state.StateLock;
import io.dbsync.state.StateLockedException;
import io.dbsync.state.StateStore;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.Optional;

/**
 * A state store that "crashes" the run: the first write whose state would record the id of an
 * object of {@code type} (an entry under "resources", written after the target acknowledged the
 * create; not a "pending" marker written before it) fails, and so does every write after it, as if
 * the process died between the create and the state save.
 */
final class CrashingStateStore implements StateStore {
  private final StateStore delegate;
  private final String addressPrefix;
  private volatile boolean crashed;

  CrashingStateStore(StateStore delegate, String type) {
    this(delegate, type, "");
  }

  /** Crashes at the first entry of {@code type} whose name starts with {@code namePrefix}. */
  CrashingStateStore(StateStore delegate, String type, String namePrefix) {
    this.delegate = delegate;
    this.addressPrefix = type + "." + namePrefix;
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
    if (!crashed && recordsType(state)) {
      crashed = true;
    }
    if (crashed) {
      throw new IOException("simulated crash: state not saved");
    }
    delegate.write(state);
  }

  private boolean recordsType(byte[] state) throws IOException {
    JsonNode resources = TfJson.read(state).path("resources");
    for (var it = resources.fieldNames(); it.hasNext(); ) {
      if (it.next().startsWith(addressPrefix)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public StateLock lock(LockInfo info) throws IOException, StateLockedException {
    return delegate.lock(info);
  }

  @Override
  public void forceUnlock(String lockId) throws IOException {
    delegate.forceUnlock(lockId);
  }

  @Override
  public String describe() {
    return "crashing " + delegate.describe();
  }
}
