package io.dbsync.kind.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.config.KindSettings;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.SourceObject;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestExportContext;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterKindTest {
  private final ClusterKind kind = new ClusterKind();

  static String createCluster(TestWorkspace ws, String json) throws Exception {
    return Rest.post(ws.client(), ClusterKind.BASE + "/create", TfJson.MAPPER.readTree(json)).get("cluster_id").asText();
  }

  static void install(TestWorkspace ws, String clusterId, String librariesJson) throws Exception {
    ObjectNode body = TfJson.object().put("cluster_id", clusterId);
    body.set("libraries", TfJson.MAPPER.readTree(librariesJson));
    Rest.post(ws.client(), "/api/2.0/libraries/install", body);
  }

  private static final String FULL_CLUSTER = """
      {"cluster_name": "ETL shared", "spark_version": "15.4.x-scala2.12", "node_type_id": "i3.xlarge",
       "driver_node_type_id": "i3.2xlarge", "autoscale": {"min_workers": 1, "max_workers": 4},
       "autotermination_minutes": 45, "policy_id": "%s",
       "spark_conf": {"spark.sql.shuffle.partitions": "64"}, "spark_env_vars": {"ENV": "prod"},
       "custom_tags": {"team": "etl"}, "ssh_public_keys": ["ssh-rsa AAAA test"],
       "init_scripts": [{"workspace": {"destination": "/Shared/init.sh"}}, {"volumes": {"destination": "/Volumes/a/b/c.sh"}}],
       "cluster_log_conf": {"dbfs": {"destination": "dbfs:/cluster-logs"}},
       "aws_attributes": {"availability": "SPOT_WITH_FALLBACK", "first_on_demand": 1, "zone_id": "us-west-2a",
                          "instance_profile_arn": "%s", "ebs_volume_count": 1, "ebs_volume_size": 100,
                          "ebs_volume_type": "GENERAL_PURPOSE_SSD"},
       "docker_image": {"url": "databricksruntime/standard:15.4-LTS"},
       "data_security_mode": "SINGLE_USER", "single_user_name": "etl@example.com", "runtime_engine": "PHOTON",
       "enable_elastic_disk": true}
      """;

  @Test
  void clusterWithLibrariesAndReferencesRoundTrips(@TempDir Path dir) throws Exception {
    try (TestWorkspace src = TestWorkspace.start(); TestWorkspace dst = TestWorkspace.start()) {
      String arn = InstancePoolKindTest.PROFILE_ARN;
      for (TestWorkspace ws : List.of(src, dst)) {
        Rest.post(ws.client(), InstanceProfileKind.BASE + "/add", TfJson.object().put("instance_profile_arn", arn));
      }
      String srcPolicy = ClusterPolicyKindTest.createPolicy(src, ClusterPolicyKindTest.customPolicyBody());
      String srcPool = InstancePoolKindTest.createPool(src, "etl-pool");
      // fixed ids (emulator seed) keep the golden file stable: real ids embed the creation time
      String full = "1125-101010-fullspec";
      String pooled = "1125-101010-pooledcl";
      ObjectNode fullSeed = (ObjectNode) TfJson.MAPPER.readTree(FULL_CLUSTER.formatted(srcPolicy, arn));
      fullSeed.put("cluster_id", full).put("cluster_source", "UI");
      ObjectNode pooledSeed = (ObjectNode) TfJson.MAPPER.readTree("""
          {"cluster_name": "pooled", "spark_version": "15.4.x-scala2.12", "num_workers": 2,
           "instance_pool_id": "%s", "driver_instance_pool_id": "%s", "autotermination_minutes": 30}
          """.formatted(srcPool, srcPool));
      pooledSeed.put("cluster_id", pooled);
      ObjectNode seed = TfJson.object();
      seed.putArray("clusters").add(fullSeed).add(pooledSeed);
      src.emulator().seed(seed);
      install(src, full, """
          [{"pypi": {"package": "requests==2.32.0", "repo": "https://pypi.example.com/simple"}},
           {"maven": {"coordinates": "com.example:lib:1.0", "exclusions": ["org.slf4j:slf4j-api"]}},
           {"jar": "/Volumes/main/libs/a.jar"}, {"whl": "/Workspace/Shared/pkg-1.0-py3-none-any.whl"},
           {"cran": {"package": "forecast"}}]
          """);
      src.emulator().seed(TfJson.MAPPER.readTree("""
          {"clusters": [{"cluster_id": "1125-000000-jobrun01", "cluster_name": "job-123-run-1",
                         "spark_version": "15.4.x-scala2.12", "num_workers": 1, "cluster_source": "JOB"}]}
          """));

      TestExportContext ectx = new TestExportContext(src.client(), KindSettings.empty("cluster"), dir);
      ectx.index.put("databricks_cluster_policy/" + srcPolicy, "team_etl");
      ectx.index.put("databricks_instance_pool/" + srcPool, "etl_pool");
      ectx.index.put("databricks_instance_profile/" + arn, "etl_profile");
      List<SourceObject> listed = kind.list(ectx);
      assertEquals(List.of(full, pooled), listed.stream().map(SourceObject::id).toList(), "the job cluster is skipped");
      assertEquals(ClusterKind.resourceName("ETL shared", full), listed.get(0).name());

      List<ExportedResource> fullExport = KindHarness.export(kind, ectx, listed.get(0));
      ObjectNode fullAttrs = fullExport.get(0).attrs();
      assertEquals("${databricks_cluster_policy.team_etl.id}", fullAttrs.get("policy_id").asText());
      assertEquals("${databricks_instance_profile.etl_profile.id}", fullAttrs.at("/aws_attributes/instance_profile_arn").asText());
      assertEquals(5, fullAttrs.get("library").size());
      for (String computed : List.of("cluster_id", "state", "default_tags", "creator_user_name", "cluster_source", "spec",
          "start_time", "num_workers", "libraries")) {
        assertFalse(fullAttrs.has(computed), computed);
      }
      List<ExportedResource> pooledExport = KindHarness.export(kind, ectx, listed.get(1));
      ObjectNode pooledAttrs = pooledExport.get(0).attrs();
      assertEquals("${databricks_instance_pool.etl_pool.id}", pooledAttrs.get("instance_pool_id").asText());
      assertEquals("${databricks_instance_pool.etl_pool.id}", pooledAttrs.get("driver_instance_pool_id").asText());
      Golden.assertMatches("cluster", "clusters.tf.json",
          ClusterPolicyKindTest.ownOnly(List.of(fullExport.get(0), pooledExport.get(0))));

      String dstPolicy = ClusterPolicyKindTest.createPolicy(dst, ClusterPolicyKindTest.customPolicyBody());
      String dstPool = InstancePoolKindTest.createPool(dst, "etl-pool");
      KindHarness.Apply actx = KindHarness.applying(dst.client()).passive(false);
      Resolver resolver = new Resolver(ectx, actx).id("databricks_cluster_policy.team_etl", dstPolicy)
          .id("databricks_instance_pool.etl_pool", dstPool).id("databricks_instance_profile.etl_profile", arn);
      ObjectNode desired = resolver.resolve(fullAttrs);
      String newId = kind.create(actx, desired);
      assertEquals(desired, kind.refresh(actx, newId).orElseThrow());
      ObjectNode desiredPooled = resolver.resolve(pooledAttrs);
      String newPooled = kind.create(actx, desiredPooled);
      assertEquals(desiredPooled, kind.refresh(actx, newPooled).orElseThrow());
      assertEquals(dstPool, KindHarness.read(kind, dst.client(), newPooled).get("instance_pool_id").asText());

      // update: spec change + one library out, one in
      ObjectNode changed = desired.deepCopy();
      changed.withObjectProperty("custom_tags").put("cost", "low");
      changed.put("autotermination_minutes", 60);
      changed.withArray("library").remove(0);
      changed.withArray("library").add(TfJson.object().put("jar", "/Volumes/main/libs/b.jar"));
      changed.set("library", Attrs.sortedArray(changed.get("library")));
      kind.update(actx, newId, changed, desired);
      assertEquals(changed, kind.refresh(actx, newId).orElseThrow());

      // library-only update does not edit (no restart)
      ObjectNode libsOnly = changed.deepCopy();
      libsOnly.withArray("library").add(TfJson.object().put("jar", "/Volumes/main/libs/c.jar"));
      libsOnly.set("library", Attrs.sortedArray(libsOnly.get("library")));
      long editsBefore = dst.emulator().requests().route("POST " + ClusterKind.BASE + "/edit");
      kind.update(actx, newId, libsOnly, changed);
      assertEquals(editsBefore, dst.emulator().requests().route("POST " + ClusterKind.BASE + "/edit"));
      assertEquals(libsOnly, kind.refresh(actx, newId).orElseThrow());

      kind.delete(actx, newId, libsOnly);
      assertNull(KindHarness.read(kind, dst.client(), newId));
      kind.delete(actx, newId, libsOnly);
    }
  }

  @Test
  void passiveModeTerminatesAfterCreateAndUpdate(@TempDir Path dir) throws Exception {
    try (TestWorkspace dst = TestWorkspace.start()) {
      KindHarness.Apply actx = KindHarness.applying(dst.client()).passive(true);
      ObjectNode desired = (ObjectNode) TfJson.MAPPER.readTree("""
          {"cluster_name": "dr", "spark_version": "15.4.x-scala2.12", "num_workers": 1, "node_type_id": "i3.xlarge",
           "autotermination_minutes": 20, "library": [{"jar": "/Volumes/a.jar"}]}
          """);
      String id = kind.create(actx, desired);
      assertEquals("TERMINATED", KindHarness.read(kind, dst.client(), id).get("state").asText());
      assertEquals(desired, kind.refresh(actx, id).orElseThrow());
      ObjectNode changed = desired.deepCopy().put("num_workers", 3);
      kind.update(actx, id, changed, desired);
      JsonNode after = KindHarness.read(kind, dst.client(), id);
      assertEquals("TERMINATED", after.get("state").asText());
      assertEquals(changed, kind.refresh(actx, id).orElseThrow());
    }
  }

  @Test
  void byRegexAndPatternsFilterClusters(@TempDir Path dir) throws Exception {
    try (TestWorkspace src = TestWorkspace.start()) {
      createCluster(src, "{\"cluster_name\": \"team-a etl\", \"spark_version\": \"15.4.x-scala2.12\", \"num_workers\": 1}");
      createCluster(src, "{\"cluster_name\": \"team-b etl\", \"spark_version\": \"15.4.x-scala2.12\", \"num_workers\": 1}");
      createCluster(src, "{\"cluster_name\": \"adhoc\", \"spark_version\": \"14.3.x-scala2.12\", \"num_workers\": 1}");
      KindSettings by = new KindSettings("cluster", TfJson.MAPPER.valueToTree(Map.of("by", Map.of("cluster_name", "team-.*"))));
      assertEquals(2, kind.list(new TestExportContext(src.client(), by, dir)).size());
      KindSettings byVersion = new KindSettings("cluster",
          TfJson.MAPPER.valueToTree(Map.of("patterns", List.of("*etl"), "by", Map.of("spark_version", "15\\..*"))));
      assertEquals(2, kind.list(new TestExportContext(src.client(), byVersion, dir)).size());
      KindSettings none = new KindSettings("cluster", TfJson.MAPPER.valueToTree(Map.of("patterns", List.of("team-a*"),
          "by", Map.of("spark_version", "14\\..*"))));
      assertTrue(kind.list(new TestExportContext(src.client(), none, dir)).isEmpty());
    }
  }

  /** A pinned cluster is exported with is_pinned, created pinned in the target, and unpinned on update. */
  @Test
  void pinnedClustersArePinnedInTheTarget(@TempDir Path dir) throws Exception {
    try (TestWorkspace src = TestWorkspace.start(); TestWorkspace dst = TestWorkspace.start()) {
      String pinned = createCluster(src, "{\"cluster_name\": \"pinned\", \"spark_version\": \"15.4.x-scala2.12\", \"num_workers\": 1}");
      createCluster(src, "{\"cluster_name\": \"plain\", \"spark_version\": \"15.4.x-scala2.12\", \"num_workers\": 1}");
      Rest.post(src.client(), ClusterKind.BASE + "/pin", TfJson.object().put("cluster_id", pinned));
      TestExportContext ectx = new TestExportContext(src.client(), KindSettings.empty("cluster"), dir);
      Map<String, ObjectNode> exported = new TreeMap<>();
      for (SourceObject o : kind.list(ectx)) {
        exported.put(o.id().equals(pinned) ? "pinned" : "plain", KindHarness.export(kind, ectx, o).get(0).attrs());
      }
      assertTrue(exported.get("pinned").path("is_pinned").asBoolean(), exported.toString());
      assertFalse(exported.get("plain").has("is_pinned"), exported.toString());
      assertEquals(exported.get("pinned"), kind.toConfig(KindHarness.read(kind, src.client(), pinned), ectx.rendering()),
          "a read sees the pin as the listing does");

      KindHarness.Apply actx = KindHarness.applying(dst.client());
      String id = kind.create(actx, exported.get("pinned"));
      assertEquals(exported.get("pinned"), kind.refresh(KindHarness.applying(dst.client()), id).orElseThrow());
      JsonNode pinnedInTarget = Rest.get(dst.client(), ClusterKind.BASE + "/list", Map.of("filter_by.is_pinned", "true"));
      assertEquals(id, pinnedInTarget.at("/clusters/0/cluster_id").asText());

      ObjectNode unpinned = exported.get("pinned").deepCopy();
      unpinned.remove("is_pinned");
      kind.update(actx, id, unpinned, exported.get("pinned"));
      assertEquals(unpinned, kind.refresh(KindHarness.applying(dst.client()), id).orElseThrow());
    }
  }
}
