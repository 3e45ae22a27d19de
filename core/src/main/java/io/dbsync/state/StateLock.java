package io.dbsync.state;

import java.io.IOException;

/** A held state lock; close releases it. */
public interface StateLock extends AutoCloseable {
  @Override
  void close() throws IOException;
}
