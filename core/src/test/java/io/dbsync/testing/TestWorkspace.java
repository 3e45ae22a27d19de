package io.dbsync.testing;

import com.databricks.sdk.WorkspaceClient;
import io.dbsync.client.Clients;
import io.dbsync.client.RateLimits;
import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.EmulatorOptions;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A fresh emulated workspace on loopback and an SDK client for it. Use one per test class or test:
 * {@code try (TestWorkspace ws = TestWorkspace.start()) { ws.client()... }}.
 */
public final class TestWorkspace implements AutoCloseable {
  private final Emulator emulator;
  private final WorkspaceClient client;

  private TestWorkspace(Emulator emulator) {
    this.emulator = emulator;
    this.client = Clients.forHost(emulator.url(), emulator.token());
  }

  public static TestWorkspace start() {
    try {
      return new TestWorkspace(new Emulator().start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A workspace with these options (e.g. a Unity Catalog metastore shared with another workspace). */
  public static TestWorkspace start(EmulatorOptions options) {
    try {
      return new TestWorkspace(new Emulator(options).start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Emulator emulator() {
    return emulator;
  }

  public WorkspaceClient client() {
    return client;
  }

  /** Another client of this workspace, paced by {@code limits}. */
  public WorkspaceClient client(RateLimits limits) {
    return Clients.countingForHost(emulator.url(), emulator.token(), limits);
  }

  @Override
  public void close() {
    emulator.close();
  }
}
