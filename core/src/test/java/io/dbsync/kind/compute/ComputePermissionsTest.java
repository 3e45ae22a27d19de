package io.dbsync.kind.compute;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.config.KindSettings;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.Kind;
import io.dbsync.kind.SourceObject;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestExportContext;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Clusters, policies and pools carry their direct grants as a databricks_permissions child in the same file. */
class ComputePermissionsTest {
  private static void grant(TestWorkspace ws, String type, String id, String level) throws Exception {
    ObjectNode acl = TfJson.object();
    acl.putArray("access_control_list").addObject().put("group_name", "users").put("permission_level", level);
    Rest.patch(ws.client(), "/api/2.0/permissions/" + type + "/" + id, acl);
  }

  private static ExportedResource child(Kind kind, TestExportContext ctx, String id) throws Exception {
    SourceObject obj = kind.list(ctx).stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow();
    List<ExportedResource> out = KindHarness.export(kind, ctx, obj);
    assertEquals(2, out.size(), out.toString());
    assertEquals(kind.info().type(), out.get(0).type());
    assertEquals("databricks_permissions", out.get(1).type());
    return out.get(1);
  }

  @Test
  void directGrantsBecomeAPermissionsChild(@TempDir Path dir) throws Exception {
    try (TestWorkspace src = TestWorkspace.start()) {
      String policy = ClusterPolicyKindTest.createPolicy(src, ClusterPolicyKindTest.customPolicyBody());
      String pool = InstancePoolKindTest.createPool(src, "etl-pool");
      String cluster = ClusterKindTest.createCluster(src,
          "{\"cluster_name\": \"etl\", \"spark_version\": \"15.4.x-scala2.12\", \"num_workers\": 1}");
      grant(src, "cluster-policies", policy, "CAN_USE");
      grant(src, "instance-pools", pool, "CAN_ATTACH_TO");
      grant(src, "clusters", cluster, "CAN_RESTART");

      TestExportContext ctx = new TestExportContext(src.client(), KindSettings.empty("x"), dir);
      ctx.index.put("databricks_cluster_policy/" + policy, "team_etl");
      ctx.index.put("databricks_instance_pool/" + pool, "etl_pool");
      ctx.index.put("databricks_cluster/" + cluster, "etl");

      ExportedResource p = child(new ClusterPolicyKind(), ctx, policy);
      assertTrue(p.name().startsWith("cluster_policy_team_etl"), p.name());
      assertEquals("${databricks_cluster_policy.team_etl.id}", p.attrs().get("cluster_policy_id").asText());
      assertTrue(p.attrs().toString().contains("CAN_USE"));

      ExportedResource ip = child(new InstancePoolKind(), ctx, pool);
      assertTrue(ip.name().startsWith("instance_pool_etl_pool"), ip.name());
      assertEquals("${databricks_instance_pool.etl_pool.id}", ip.attrs().get("instance_pool_id").asText());

      ExportedResource c = child(new ClusterKind(), ctx, cluster);
      assertEquals("cluster_" + ClusterKind.resourceName("etl", cluster), c.name());
      assertEquals("${databricks_cluster.etl.id}", c.attrs().get("cluster_id").asText());
      assertTrue(c.attrs().toString().contains("CAN_RESTART"));
    }
  }
}
