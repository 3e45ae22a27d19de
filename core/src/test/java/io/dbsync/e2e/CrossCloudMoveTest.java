package io.dbsync.e2e;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.config.ExportConfig;
import io.dbsync.emulator.Cloud;
import io.dbsync.emulator.EmulatorOptions;
import io.dbsync.export.ExportOptions;
import io.dbsync.export.ExportRun;
import io.dbsync.git.GitTarget;
import io.dbsync.importer.ImportException;
import io.dbsync.importer.ImportResult;
import io.dbsync.importer.StalePlanException;
import io.dbsync.mapping.MigrationOptions;
import io.dbsync.plan.PlannedChange;
import io.dbsync.plan.SavedPlan;
import io.dbsync.report.ExportReport;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exports of an AWS workspace imported into an Azure one and back the other way, through the engine
 * against emulators of each cloud: clusters, pools, policies and jobs with job clusters arrive in the
 * target cloud's terms, and a second import of the same revision plans nothing and writes nothing.
 */
class CrossCloudMoveTest {
  static final String CONFIG = """
      name: move
      objects:
        cluster_policy: {}
        instance_pool: {}
        instance_profile: {}
        cluster: {}
        job: {}
      """;
  static final String ARN = "arn:aws:iam::123456789012:instance-profile/etl";

  @TempDir
  Path tmp;

  static TestWorkspace start(Cloud cloud) {
    EmulatorOptions o = new EmulatorOptions();
    o.cloud = cloud;
    return TestWorkspace.start(o);
  }

  static void export(WorkspaceClient source, Path repo) throws Exception {
    ExportReport r = ExportRun.run(ExportOptions.builder(source, ExportConfig.parse(CONFIG), GitTarget.parse(repo.toString()))
        .branch("main").build());
    assertTrue(r.success(), () -> "export failed: " + r.failures());
  }

  static String seedAws(WorkspaceClient w) throws Exception {
    E2eSeed.call(w, "POST", "/api/2.0/instance-profiles/add", "{\"instance_profile_arn\": \"" + ARN + "\"}");
    E2eSeed.call(w, "POST", "/api/2.0/instance-pools/create", """
        {"instance_pool_name": "etl pool", "node_type_id": "i3.xlarge", "idle_instance_autotermination_minutes": 15,
         "aws_attributes": {"availability": "SPOT", "zone_id": "us-west-2a", "spot_bid_price_percent": 100},
         "disk_spec": {"disk_count": 1, "disk_size": 100, "disk_type": {"ebs_volume_type": "GENERAL_PURPOSE_SSD"}}}""");
    String policy = E2eSeed.call(w, "POST", "/api/2.0/policies/clusters/create", """
        {"name": "spot etl", "definition": "{\\"aws_attributes.availability\\": {\\"type\\": \\"fixed\\", \\"value\\": \\"SPOT_WITH_FALLBACK\\"}, \\"aws_attributes.zone_id\\": {\\"type\\": \\"fixed\\", \\"value\\": \\"auto\\", \\"hidden\\": true}, \\"node_type_id\\": {\\"type\\": \\"allowlist\\", \\"values\\": [\\"r5d.xlarge\\", \\"m5d.large\\"], \\"defaultValue\\": \\"r5d.xlarge\\"}}"}""")
        .path("policy_id").asText();
    E2eSeed.call(w, "POST", "/api/2.1/clusters/create", """
        {"cluster_name": "etl", "spark_version": "15.4.x-scala2.12", "node_type_id": "r5d.xlarge",
         "driver_node_type_id": "i3.2xlarge", "num_workers": 2, "autotermination_minutes": 30, "policy_id": "%s",
         "aws_attributes": {"availability": "SPOT_WITH_FALLBACK", "first_on_demand": 1, "zone_id": "auto",
                            "ebs_volume_count": 1, "ebs_volume_size": 100, "instance_profile_arn": "%s"}}"""
        .formatted(policy, ARN));
    E2eSeed.call(w, "POST", "/api/2.2/jobs/create", """
        {"name": "nightly", "max_concurrent_runs": 1,
         "job_clusters": [{"job_cluster_key": "main", "new_cluster": {"spark_version": "15.4.x-scala2.12",
             "node_type_id": "m5d.xlarge", "num_workers": 2,
             "aws_attributes": {"availability": "ON_DEMAND", "first_on_demand": 1, "instance_profile_arn": "%s"}}}],
         "tasks": [{"task_key": "ingest", "job_cluster_key": "main", "notebook_task": {"notebook_path": "/Shared/ingest"}},
                   {"task_key": "report", "depends_on": [{"task_key": "ingest"}],
                    "new_cluster": {"spark_version": "15.4.x-scala2.12", "node_type_id": "c5d.2xlarge", "num_workers": 1,
                       "aws_attributes": {"availability": "SPOT"}},
                    "notebook_task": {"notebook_path": "/Shared/report"}}]}""".formatted(ARN));
    return policy;
  }

  static void seedAzure(WorkspaceClient w) throws Exception {
    E2eSeed.call(w, "POST", "/api/2.0/instance-pools/create", """
        {"instance_pool_name": "etl pool", "node_type_id": "Standard_DS3_v2", "idle_instance_autotermination_minutes": 15,
         "azure_attributes": {"availability": "SPOT_AZURE", "spot_bid_max_price": -1},
         "disk_spec": {"disk_count": 1, "disk_size": 128, "disk_type": {"azure_disk_volume_type": "PREMIUM_LRS"}}}""");
    String policy = E2eSeed.call(w, "POST", "/api/2.0/policies/clusters/create", """
        {"name": "on demand", "definition": "{\\"azure_attributes.availability\\": {\\"type\\": \\"fixed\\", \\"value\\": \\"ON_DEMAND_AZURE\\"}, \\"azure_attributes.spot_bid_max_price\\": {\\"type\\": \\"fixed\\", \\"value\\": -1}, \\"node_type_id\\": {\\"type\\": \\"fixed\\", \\"value\\": \\"Standard_E8ds_v4\\"}}"}""")
        .path("policy_id").asText();
    E2eSeed.call(w, "POST", "/api/2.1/clusters/create", """
        {"cluster_name": "etl", "spark_version": "15.4.x-scala2.12", "node_type_id": "Standard_E8ds_v4",
         "num_workers": 2, "autotermination_minutes": 30, "policy_id": "%s",
         "azure_attributes": {"availability": "ON_DEMAND_AZURE", "first_on_demand": 1, "spot_bid_max_price": -1}}"""
        .formatted(policy));
    E2eSeed.call(w, "POST", "/api/2.2/jobs/create", """
        {"name": "nightly", "max_concurrent_runs": 1,
         "job_clusters": [{"job_cluster_key": "main", "new_cluster": {"spark_version": "15.4.x-scala2.12",
             "node_type_id": "Standard_D4ds_v5", "num_workers": 2,
             "azure_attributes": {"availability": "SPOT_WITH_FALLBACK_AZURE", "first_on_demand": 1, "spot_bid_max_price": -1}}}],
         "tasks": [{"task_key": "ingest", "job_cluster_key": "main", "notebook_task": {"notebook_path": "/Shared/ingest"}}]}""");
  }

  static JsonNode only(WorkspaceClient w, String path, String field) throws Exception {
    JsonNode list = E2eSeed.call(w, "GET", path, null).path(field);
    assertEquals(1, list.size(), path + ": " + list);
    return list.get(0);
  }

  static JsonNode cluster(WorkspaceClient w) throws Exception {
    for (JsonNode c : E2eSeed.call(w, "GET", "/api/2.1/clusters/list", null).path("clusters")) {
      if (c.path("cluster_name").asText().equals("etl")) {
        return c;
      }
    }
    throw new AssertionError("no cluster etl");
  }

  static JsonNode job(WorkspaceClient w) throws Exception {
    String id = only(w, "/api/2.2/jobs/list", "jobs").path("job_id").asText();
    return E2eSeed.call(w, "GET", "/api/2.2/jobs/get", null, "job_id", id).path("settings");
  }

  static JsonNode policyDefinition(WorkspaceClient w, String name) throws Exception {
    for (JsonNode p : E2eSeed.call(w, "GET", "/api/2.0/policies/clusters/list", null).path("policies")) {
      if (p.path("name").asText().equals(name)) {
        return TfJson.MAPPER.readTree(p.path("definition").asText());
      }
    }
    throw new AssertionError("no policy " + name);
  }

  @Test
  void awsToAzureArrivesInAzureTermsAndConverges() throws Exception {
    try (TestWorkspace source = start(Cloud.AWS); TestWorkspace target = start(Cloud.AZURE)) {
      seedAws(source.client());
      Path repo = tmp.resolve("repo");
      export(source.client(), repo);
      Path mapping = tmp.resolve("mapping.yaml");
      Files.writeString(mapping, "instance_profiles: {\"" + ARN + "\": {uc_credential: etl_credential}}\n");

      E2eSupport.Importing importing = new E2eSupport.Importing(repo, tmp.resolve("state"), target.client(), Map.of());
      ImportResult first = importing.run(b -> b.apply(true).migration(new MigrationOptions(mapping, null, null)));
      assertTrue(first.success(), first.failures() + "\n" + importing.output());
      assertTrue(importing.output().contains("Mapping applied (aws -> azure):"), importing.output());
      assertTrue(first.planText().contains("Standard_E4ds_v4"), "the plan shows what is written:\n" + first.planText());
      assertEquals("aws", first.planJson().at("/databricks_sync/mapping/source_cloud").asText());

      JsonNode cluster = cluster(target.client());
      assertEquals("Standard_E4ds_v4", cluster.path("node_type_id").asText());
      assertEquals("Standard_L8s_v2", cluster.path("driver_node_type_id").asText());
      assertEquals("SPOT_WITH_FALLBACK_AZURE", cluster.at("/azure_attributes/availability").asText());
      assertEquals(1, cluster.at("/azure_attributes/first_on_demand").asInt());
      assertFalse(cluster.has("aws_attributes"));
      JsonNode pool = only(target.client(), "/api/2.0/instance-pools/list", "instance_pools");
      assertEquals("Standard_E4ds_v4", pool.path("node_type_id").asText());
      assertEquals("SPOT_AZURE", pool.at("/azure_attributes/availability").asText());
      assertEquals("PREMIUM_LRS", pool.at("/disk_spec/disk_type/azure_disk_volume_type").asText());
      JsonNode definition = policyDefinition(target.client(), "spot etl");
      assertEquals("SPOT_WITH_FALLBACK_AZURE", definition.at("/azure_attributes.availability/value").asText());
      assertFalse(definition.has("aws_attributes.zone_id"));
      assertEquals("[\"Standard_E4ds_v4\",\"Standard_D2ds_v5\"]", definition.at("/node_type_id/values").toString());
      JsonNode job = job(target.client());
      assertEquals("Standard_D4ds_v5", job.at("/job_clusters/0/new_cluster/node_type_id").asText());
      assertEquals("ON_DEMAND_AZURE", job.at("/job_clusters/0/new_cluster/azure_attributes/availability").asText());
      assertEquals("Standard_F8s_v2", job.at("/tasks/1/new_cluster/node_type_id").asText());
      assertEquals("SPOT_AZURE", job.at("/tasks/1/new_cluster/azure_attributes/availability").asText());

      long writes = target.emulator().requests().writes();
      ImportResult again = importing.run(b -> b.apply(true).migration(new MigrationOptions(mapping, null, null)));
      assertTrue(again.success(), again.failures().toString());
      assertFalse(again.plan().hasChanges(), "a mapped object refreshes to its mapped self:\n" + again.planText());
      assertEquals(writes, target.emulator().requests().writes(), "the second import writes nothing");
    }
  }

  @Test
  void azureToAwsWithTheTargetCloudNamedByTfVarCloud() throws Exception {
    try (TestWorkspace source = start(Cloud.AZURE); TestWorkspace target = start(Cloud.AWS)) {
      seedAzure(source.client());
      Path repo = tmp.resolve("repo");
      export(source.client(), repo);
      E2eSupport.Importing importing = new E2eSupport.Importing(repo, tmp.resolve("state"), target.client(), Map.of());
      Map<String, String> env = Map.of("TF_VAR_CLOUD", "aws");
      ImportResult first = importing.run(b -> b.apply(true).env(env));
      assertTrue(first.success(), first.failures() + "\n" + importing.output());

      JsonNode cluster = cluster(target.client());
      assertEquals("r5d.2xlarge", cluster.path("node_type_id").asText());
      assertEquals("ON_DEMAND", cluster.at("/aws_attributes/availability").asText());
      assertFalse(cluster.has("azure_attributes"));
      JsonNode pool = only(target.client(), "/api/2.0/instance-pools/list", "instance_pools");
      assertEquals("m5d.xlarge", pool.path("node_type_id").asText());
      assertEquals("SPOT", pool.at("/aws_attributes/availability").asText());
      assertEquals("GENERAL_PURPOSE_SSD", pool.at("/disk_spec/disk_type/ebs_volume_type").asText());
      JsonNode definition = policyDefinition(target.client(), "on demand");
      assertEquals("ON_DEMAND", definition.at("/aws_attributes.availability/value").asText());
      assertFalse(definition.has("azure_attributes.spot_bid_max_price"));
      assertEquals("r5d.2xlarge", definition.at("/node_type_id/value").asText());
      JsonNode job = job(target.client());
      assertEquals("m5d.xlarge", job.at("/job_clusters/0/new_cluster/node_type_id").asText());
      assertEquals("SPOT_WITH_FALLBACK", job.at("/job_clusters/0/new_cluster/aws_attributes/availability").asText());

      long writes = target.emulator().requests().writes();
      ImportResult again = importing.run(b -> b.apply(true).env(env));
      assertFalse(again.plan().hasChanges(), again.planText());
      assertEquals(writes, target.emulator().requests().writes());
    }
  }

  @Test
  void whatTheMappingLacksIsListedBeforeAnyWrite() throws Exception {
    try (TestWorkspace source = start(Cloud.AWS); TestWorkspace target = start(Cloud.AZURE)) {
      seedAws(source.client());
      Path repo = tmp.resolve("repo");
      export(source.client(), repo);
      long before = target.emulator().requests().writes();
      E2eSupport.Importing importing = new E2eSupport.Importing(repo, tmp.resolve("state"), target.client(), Map.of());
      ImportException e = assertThrows(ImportException.class, () -> importing.run(true));
      assertTrue(e.getMessage().startsWith("the mapping is missing 1 entry (aws -> azure); nothing was written:\n"
          + "  instance profile " + ARN + " has no entry: azure has no instance profiles"), e.getMessage());
      assertTrue(e.getMessage().endsWith("add to the mapping file: instance_profiles: {\"" + ARN
          + "\": null}   # or {uc_credential: <credential name>}"), e.getMessage());
      assertEquals(before, target.emulator().requests().writes(), "nothing written");
    }
  }

  @Test
  void aMappedPlanIsSavedTargetedAndVerifiedAsMapped() throws Exception {
    try (TestWorkspace source = start(Cloud.AWS); TestWorkspace target = start(Cloud.AZURE)) {
      seedAws(source.client());
      Path repo = tmp.resolve("repo");
      export(source.client(), repo);
      Path mapping = tmp.resolve("mapping.yaml");
      Files.writeString(mapping, "instance_profiles: {\"" + ARN + "\": {uc_credential: etl_credential}}\n");
      MigrationOptions migration = new MigrationOptions(mapping, null, null);
      E2eSupport.Importing importing = new E2eSupport.Importing(repo, tmp.resolve("state"), target.client(), Map.of());

      String clusterAddress = importing.run(b -> b.migration(migration)).plan().changes().stream()
          .filter(c -> c.type().equals("databricks_cluster")).map(PlannedChange::address).findFirst().orElseThrow();
      ImportResult targeted = importing.run(b -> b.migration(migration).targets(List.of(clusterAddress)));
      assertTrue(targeted.plan().changes().stream().anyMatch(c -> c.address().equals(clusterAddress))
          && targeted.plan().changes().stream().noneMatch(c -> c.type().equals("databricks_job")),
          "--target narrows before the mapping:\n" + targeted.planText());
      assertTrue(targeted.planText().contains("Standard_E4ds_v4"), targeted.planText());

      Path saved = tmp.resolve("move.plan.json");
      importing.run(b -> b.migration(migration).savedPlanOut(saved));
      SavedPlan plan = SavedPlan.read(saved);
      Path otherMapping = tmp.resolve("other.yaml");
      Files.writeString(otherMapping, Files.readString(mapping) + "node_types: {r5d.xlarge: Standard_E8ds_v4}\n");
      long writes = target.emulator().requests().writes();
      StalePlanException moved = assertThrows(StalePlanException.class, () -> importing.run(b -> b.apply(true)
          .migration(new MigrationOptions(otherMapping, null, null)).savedPlan(plan)));
      assertTrue(moved.getMessage().contains(clusterAddress + ": the desired attributes differ from the saved plan"),
          "the fingerprint covers the mapped configuration: " + moved.getMessage());
      assertEquals(writes, target.emulator().requests().writes(), "a stale plan writes nothing");

      ImportResult applied = importing.run(b -> b.apply(true).migration(migration).savedPlan(plan));
      assertTrue(applied.success(), applied.failures() + "\n" + importing.output());
      assertTrue(applied.verification().inSync() && applied.verification().verified() == applied.applied().size(),
          "verified against the mapped configuration:\n" + applied.verification().text());
      assertEquals("Standard_E4ds_v4", cluster(target.client()).path("node_type_id").asText());
    }
  }
}
