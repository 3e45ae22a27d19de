package io.dbsync.emulator.compute;

import com.databricks.sdk.service.compute.ClusterDetails;
import com.databricks.sdk.service.compute.ClusterSource;
import com.databricks.sdk.service.compute.GlobalInitScriptDetails;
import com.databricks.sdk.service.compute.InstancePoolState;
import com.databricks.sdk.service.compute.LibraryFullStatus;
import com.databricks.sdk.service.compute.ListClusterPoliciesRequest;
import com.databricks.sdk.service.compute.Policy;
import com.databricks.sdk.service.compute.State;
import com.databricks.sdk.service.jobs.Job;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.emulator.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every family's documented seed format, read back through the SDK; and the permission existence checks. */
class SeedAndPermissionObjectsTest extends EmulatorSdkTest {
  private static final List<String> FAMILIES = List.of("clusters", "libraries", "policies", "instance-pools",
      "instance-profiles", "global-init-scripts", "jobs");
  private static final String SEED = """
      {
        "policies": [{"policy_id": "ABCDEF0123456789", "name": "seeded policy", "definition": "{\\"spark_version\\":{\\"type\\":\\"unlimited\\"}}"}],
        "instance-pools": [{"instance_pool_id": "0101-010101-pool1234-pool-abcdefgh", "instance_pool_name": "seeded pool",
                            "node_type_id": "i3.xlarge", "min_idle_instances": 1}],
        "instance-profiles": [{"instance_profile_arn": "arn:aws:iam::123456789012:instance-profile/seeded"}],
        "clusters": [
          {"cluster_id": "0101-010101-seeded01", "cluster_name": "seeded", "spark_version": "15.4.x-scala2.12",
           "num_workers": 1, "policy_id": "ABCDEF0123456789", "state": "TERMINATED", "start_time": 1700000000000,
           "spark_conf": null},
          {"cluster_id": "0101-010101-jobclu01", "spark_version": "15.4.x-scala2.12", "cluster_source": "JOB"}],
        "libraries": [{"cluster_id": "0101-010101-seeded01", "libraries": [{"jar": "dbfs:/FileStore/jars/a.jar"}]}],
        "global-init-scripts": [{"script_id": "C39FD6BAC8088BBC", "name": "init", "script": "ZWNobyBoaQ==", "enabled": true}],
        "jobs": [{"job_id": 77, "name": "seeded job", "tasks": [{"task_key": "t", "notebook_task": {"notebook_path": "/x"},
                  "existing_cluster_id": "0101-010101-seeded01"}], "created_time": 1700000000000}]
      }
      """;

  @Test
  void seededObjectsAreServed() {
    emu.seed(Json.parse(SEED));
    Policy p = w.clusterPolicies().get("ABCDEF0123456789");
    assertEquals("seeded policy", p.getName());
    assertTrue(StreamSupport.stream(w.clusterPolicies().list(new ListClusterPoliciesRequest()).spliterator(), false)
        .anyMatch(x -> x.getPolicyId().equals("ABCDEF0123456789")));

    assertEquals(InstancePoolState.ACTIVE, w.instancePools().get("0101-010101-pool1234-pool-abcdefgh").getState());
    assertTrue(StreamSupport.stream(w.instanceProfiles().list().spliterator(), false)
        .anyMatch(x -> x.getInstanceProfileArn().endsWith("/seeded")));

    ClusterDetails c = w.clusters().get("0101-010101-seeded01");
    assertEquals(State.TERMINATED, c.getState());
    assertEquals(1700000000000L, c.getStartTime());
    assertEquals("ABCDEF0123456789", c.getPolicyId());
    assertEquals(null, c.getSparkConf());
    assertEquals(ClusterSource.JOB, w.clusters().get("0101-010101-jobclu01").getClusterSource());

    List<LibraryFullStatus> libs = StreamSupport.stream(w.libraries().clusterStatus("0101-010101-seeded01").spliterator(), false).toList();
    assertEquals("dbfs:/FileStore/jars/a.jar", libs.get(0).getLibrary().getJar());

    GlobalInitScriptDetails s = StreamSupport.stream(w.globalInitScripts().list().spliterator(), false)
        .filter(x -> x.getScriptId().equals("C39FD6BAC8088BBC")).findFirst().orElseThrow();
    assertTrue(s.getEnabled());

    Job j = w.jobs().get(77L);
    assertEquals("seeded job", j.getSettings().getName());
    assertEquals(1700000000000L, j.getCreatedTime());

    var ws = emu.workspace();
    assertEquals(Boolean.TRUE, ws.permissionObjectExists("clusters", "0101-010101-seeded01"));
    assertEquals(Boolean.FALSE, ws.permissionObjectExists("clusters", "0101-010101-missing1"));
    assertEquals(Boolean.TRUE, ws.permissionObjectExists("cluster-policies", "ABCDEF0123456789"));
    assertEquals(Boolean.FALSE, ws.permissionObjectExists("cluster-policies", "0000000000000000"));
    assertEquals(Boolean.TRUE, ws.permissionObjectExists("instance-pools", "0101-010101-pool1234-pool-abcdefgh"));
    assertEquals(Boolean.FALSE, ws.permissionObjectExists("instance-pools", "nope"));
    assertEquals(Boolean.TRUE, ws.permissionObjectExists("jobs", "77"));
    assertEquals(Boolean.FALSE, ws.permissionObjectExists("jobs", "78"));
    assertEquals(Boolean.FALSE, ws.permissionObjectExists("jobs", "not-a-number"));
  }

  @Test
  void dumpHasEveryFamily() {
    JsonNode state = emu.dump();
    for (String family : FAMILIES) {
      assertTrue(state.has(family), family);
      assertTrue(state.get(family).isArray(), family);
    }
    assertFalse(state.get("policies").isEmpty(), "built-in policies are part of the state");
  }

  @Test
  void nullsSentByClientsAreNeverStoredOrEchoed() throws Exception {
    Raw created = raw("POST", "/api/2.1/clusters/create", "{\"spark_version\":\"15.4.x-scala2.12\",\"num_workers\":1,"
        + "\"cluster_name\":null,\"aws_attributes\":{\"zone_id\":null,\"first_on_demand\":1}}");
    assertEquals(200, created.status());
    Raw job = raw("POST", "/api/2.2/jobs/create", "{\"name\":\"n\",\"description\":null,\"tasks\":[{\"task_key\":\"a\","
        + "\"notebook_task\":{\"notebook_path\":\"/a\",\"source\":null}}]}");
    assertEquals(200, job.status());
    assertNoNulls(raw("GET", "/api/2.1/clusters/get?cluster_id=" + created.body().get("cluster_id").asText(), null).body());
    assertNoNulls(raw("GET", "/api/2.2/jobs/get?job_id=" + job.body().get("job_id").asText(), null).body());
    JsonNode state = emu.dump();
    for (String family : FAMILIES) {
      assertNoNulls(state.get(family));
    }
  }

  private static void assertNoNulls(JsonNode node) {
    assertFalse(node.isNull(), "JSON null in emulator output");
    node.forEach(SeedAndPermissionObjectsTest::assertNoNulls);
  }
}
