package io.dbsync.kind.compute;

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
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstancePoolKindTest {
  private final InstancePoolKind kind = new InstancePoolKind();
  static final String PROFILE_ARN = "arn:aws:iam::123456789012:instance-profile/etl-profile";

  static String createPool(TestWorkspace ws, String name) throws Exception {
    ObjectNode body = (ObjectNode) TfJson.MAPPER.readTree("""
        {"instance_pool_name": "%s", "node_type_id": "i3.xlarge", "min_idle_instances": 1, "max_capacity": 10,
         "idle_instance_autotermination_minutes": 15, "custom_tags": {"team": "etl"}, "enable_elastic_disk": true,
         "preloaded_spark_versions": ["15.4.x-scala2.12"],
         "preloaded_docker_images": [{"url": "databricksruntime/standard:15.4-LTS"}],
         "disk_spec": {"disk_type": {"ebs_volume_type": "GENERAL_PURPOSE_SSD"}, "disk_count": 1, "disk_size": 100},
         "aws_attributes": {"availability": "SPOT", "zone_id": "us-west-2a", "spot_bid_price_percent": 100,
                            "instance_profile_arn": "%s"}}
        """.formatted(name, PROFILE_ARN));
    return Rest.post(ws.client(), InstancePoolKind.BASE + "/create", body).get("instance_pool_id").asText();
  }

  @Test
  void poolExportsAndRoundTrips(@TempDir Path dir) throws Exception {
    try (TestWorkspace src = TestWorkspace.start(); TestWorkspace dst = TestWorkspace.start()) {
      Rest.post(src.client(), InstanceProfileKind.BASE + "/add", TfJson.object().put("instance_profile_arn", PROFILE_ARN));
      Rest.post(dst.client(), InstanceProfileKind.BASE + "/add", TfJson.object().put("instance_profile_arn", PROFILE_ARN));
      String id = createPool(src, "etl-pool");
      TestExportContext ectx = new TestExportContext(src.client(), KindSettings.empty("instance_pool"), dir);
      ectx.index.put("databricks_instance_profile/" + PROFILE_ARN, "etl_profile");
      List<SourceObject> listed = kind.list(ectx);
      assertEquals(1, listed.size());
      assertEquals(id, listed.get(0).id());
      List<ExportedResource> exported = KindHarness.export(kind, ectx, listed.get(0));
      ObjectNode attrs = exported.get(0).attrs();
      assertEquals("${databricks_instance_profile.etl_profile.id}", attrs.at("/aws_attributes/instance_profile_arn").asText());
      assertTrue(attrs.has("preloaded_docker_image"));
      assertTrue(!attrs.has("instance_pool_id") && !attrs.has("stats") && !attrs.has("state") && !attrs.has("default_tags"));
      Golden.assertMatches("instance_pool", "etl_pool.tf.json", ClusterPolicyKindTest.ownOnly(exported));

      KindHarness.Apply actx = KindHarness.applying(dst.client()).passive(false);
      ObjectNode desired = new Resolver(ectx, actx).id("databricks_instance_profile.etl_profile", PROFILE_ARN).resolve(attrs);
      assertTrue(kind.adopt(actx, desired).isEmpty());
      String newId = kind.create(actx, desired);
      assertEquals(desired, kind.refresh(actx, newId).orElseThrow());
      assertEquals(Optional.of(newId), kind.adopt(actx, desired));

      ObjectNode changed = desired.deepCopy();
      changed.put("max_capacity", 20);
      changed.put("instance_pool_name", "etl-pool-2");
      changed.withObjectProperty("custom_tags").put("cost", "low");
      kind.update(actx, newId, changed, desired);
      assertEquals(changed, kind.refresh(actx, newId).orElseThrow());

      kind.delete(actx, newId, changed);
      assertNull(KindHarness.read(kind, dst.client(), newId));
      kind.delete(actx, newId, changed);
    }
  }

  @Test
  void immutableAttributesForceReplace() {
    assertTrue(kind.forceNew().containsAll(Set.of("node_type_id", "disk_spec", "aws_attributes", "preloaded_spark_versions",
        "preloaded_docker_image", "enable_elastic_disk")));
    assertTrue(!kind.forceNew().contains("max_capacity") && !kind.forceNew().contains("instance_pool_name"));
  }
}
