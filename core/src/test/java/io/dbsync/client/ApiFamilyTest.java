package io.dbsync.client;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.demo.SampleWorkspace;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiFamilyTest {
  @Test
  void pathsMapToTheServicesFamilies() {
    Map<String, String> expected = Map.of(
        "/api/2.1/clusters/get", "clusters",
        "/api/2.0/policies/clusters/list", "policies",
        "/api/2.0/policy-families/personal-vm", "policies",
        "/api/2.0/preview/scim/v2/Users/12", "scim",
        "/api/2.0/sql/statements/", "sql",
        "/api/1.2/contexts/create", "commands",
        "https://adb-1.azuredatabricks.net/api/2.2/jobs/list?limit=100", "jobs",
        "/.well-known/databricks-config", "meta",
        "/api/2.0/mlflow/experiments/search", "experiments",
        "/api/2.0/mlflow/databricks/registered-models/get", "registered-models");
    expected.forEach((path, family) -> assertEquals(new ApiFamily(family), ApiFamily.of(path), path));
  }

  /** The client attributes every request to the family the workspace (the emulator) serves it from. */
  @Test
  void everyRequestCountsUnderTheFamilyThatServesIt() throws Exception {
    try (TestWorkspace ws = TestWorkspace.start()) {
      WorkspaceClient client = ws.client();
      CountingHttpClient counter = Clients.counter(client).orElseThrow();
      ws.emulator().requests().reset();
      CountingHttpClient.Snapshot before = counter.snapshot();

      new SampleWorkspace(client).populate();

      Map<String, Long> served = new TreeMap<>();
      JsonNode log = ws.emulator().requests().toJson().path("by_family");
      log.properties().forEach(e -> served.put(e.getKey(), e.getValue().asLong()));
      Map<String, Long> counted = counter.snapshot().minus(before).callsByFamily();
      assertTrue(counted.size() >= 8, "the sample touches most families: " + counted);
      assertEquals(served, counted);
    }
  }
}
