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
