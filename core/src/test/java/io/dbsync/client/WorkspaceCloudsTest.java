package io.dbsync.client;

import io.dbsync.emulator.EmulatorOptions;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.Cloud;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WorkspaceCloudsTest {
  @Test
  void knownHostsNeedNoRequest() {
    assertEquals(Optional.of(Cloud.AWS), WorkspaceClouds.fromHost("https://dbc-1234.cloud.databricks.com"));
    assertEquals(Optional.of(Cloud.AZURE), WorkspaceClouds.fromHost("https://adb-1.2.azuredatabricks.net/"));
    assertEquals(Optional.of(Cloud.GCP), WorkspaceClouds.fromHost("https://1.2.gcp.databricks.com"));
    assertEquals(Optional.empty(), WorkspaceClouds.fromHost("http://127.0.0.1:8080"));
    assertEquals(Optional.empty(), WorkspaceClouds.fromHost(null));
  }

  @Test
  void aClientsWorkspaceIsAskedOnce() {
    try (TestWorkspace ws = TestWorkspace.start()) {
      var client = Clients.forHost(ws.emulator().url(), ws.emulator().token());
      ws.emulator().requests().reset(); // the SDK reads the host metadata as it builds the client
      for (int i = 0; i < 3; i++) {
        assertEquals(Optional.of(Cloud.AWS), WorkspaceClouds.detect(client));
      }
      assertEquals(1, ws.emulator().requests().route("GET /.well-known/databricks-config"));
    }
  }

  @Test
  void otherHostsAreAskedForTheirHostMetadata() {
    for (io.dbsync.emulator.Cloud c : io.dbsync.emulator.Cloud.values()) {
      EmulatorOptions o = new EmulatorOptions();
      o.cloud = c;
      try (TestWorkspace ws = TestWorkspace.start(o)) {
        assertEquals(Optional.of(Cloud.parse(c.id)), WorkspaceClouds.detect(ws.client()));
      }
    }
    assertEquals(Optional.empty(), WorkspaceClouds.detect(null));
  }
}
