package io.dbsync.emulator.compute;

import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.compute.CreateCluster;
import com.databricks.sdk.service.compute.CreateInstancePool;
import com.databricks.sdk.service.compute.EditInstancePool;
import com.databricks.sdk.service.compute.GetInstancePool;
import com.databricks.sdk.service.compute.InstancePoolAndStats;
import com.databricks.sdk.service.compute.InstancePoolAwsAttributes;
import com.databricks.sdk.service.compute.InstancePoolAwsAttributesAvailability;
import com.databricks.sdk.service.compute.InstancePoolState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstancePoolsApiTest extends EmulatorSdkTest {

  private List<InstancePoolAndStats> list() {
    return StreamSupport.stream(w.instancePools().list().spliterator(), false).toList();
  }

  @Test
  void createGetListEditDelete() throws Exception {
    String id = w.instancePools().create(new CreateInstancePool().setInstancePoolName("pool-a").setNodeTypeId("i3.xlarge")
        .setMinIdleInstances(2L).setMaxCapacity(10L).setIdleInstanceAutoterminationMinutes(15L)
        .setCustomTags(Map.of("team", "a")).setPreloadedSparkVersions(List.of("15.4.x-scala2.12"))
        .setAwsAttributes(new InstancePoolAwsAttributes().setAvailability(InstancePoolAwsAttributesAvailability.SPOT)))
        .getInstancePoolId();
    GetInstancePool p = w.instancePools().get(id);
    assertEquals("pool-a", p.getInstancePoolName());
    assertEquals("i3.xlarge", p.getNodeTypeId());
    assertEquals(10L, p.getMaxCapacity());
    assertEquals(Map.of("team", "a"), p.getCustomTags());
    assertEquals(List.of("15.4.x-scala2.12"), List.copyOf(p.getPreloadedSparkVersions()));
    assertEquals(InstancePoolAwsAttributesAvailability.SPOT, p.getAwsAttributes().getAvailability());
    assertEquals(InstancePoolState.ACTIVE, p.getState());
    assertEquals(2L, p.getStats().getIdleCount());
    assertEquals(0L, p.getStats().getUsedCount());
    assertEquals(Map.of("Vendor", "Databricks", "DatabricksInstancePoolId", id), p.getDefaultTags());
    assertTrue(list().stream().anyMatch(x -> x.getInstancePoolId().equals(id) && x.getInstancePoolName().equals("pool-a")));

    String cluster = w.clusters().create(new CreateCluster().setSparkVersion("15.4.x-scala2.12").setNumWorkers(1L)
        .setInstancePoolId(id)).getResponse().getClusterId();
    assertEquals(id, w.clusters().get(cluster).getInstancePoolId());

    w.instancePools().edit(new EditInstancePool().setInstancePoolId(id).setInstancePoolName("pool-a2")
        .setNodeTypeId("i3.xlarge").setMaxCapacity(20L));
    GetInstancePool edited = w.instancePools().get(id);
    assertEquals("pool-a2", edited.getInstancePoolName());
    assertEquals(20L, edited.getMaxCapacity());
    assertNull(edited.getCustomTags(), "mutable fields are replaced");
    assertEquals(List.of("15.4.x-scala2.12"), List.copyOf(edited.getPreloadedSparkVersions()), "immutable fields stay");
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.instancePools().edit(
        new EditInstancePool().setInstancePoolId(id).setInstancePoolName("pool-a2").setNodeTypeId("m5d.large")));

    w.instancePools().delete(id);
    assertEquals(InstancePoolState.DELETED, w.instancePools().get(id).getState());
    assertTrue(list().stream().noneMatch(x -> x.getInstancePoolId().equals(id)));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> w.clusters().create(new CreateCluster().setSparkVersion("15.4.x-scala2.12").setInstancePoolId(id)).getResponse());
  }

  @Test
  void errors() {
    w.instancePools().create(new CreateInstancePool().setInstancePoolName("dup").setNodeTypeId("i3.xlarge"));
    assertApiError(ResourceAlreadyExists.class, "RESOURCE_ALREADY_EXISTS",
        () -> w.instancePools().create(new CreateInstancePool().setInstancePoolName("dup").setNodeTypeId("i3.xlarge")));
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.instancePools().get("nope"));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> w.instancePools().create(new CreateInstancePool().setInstancePoolName("no-node-type")));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> w.instancePools().create(new CreateInstancePool().setInstancePoolName("small").setNodeTypeId("i3.xlarge")
            .setMinIdleInstances(5L).setMaxCapacity(2L)));
  }

  @Test
  void listWithoutPoolsHasNoKey() throws Exception {
    try (var fresh = new io.dbsync.emulator.Emulator().start()) {
      var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(fresh.url() + "/api/2.0/instance-pools/list"))
          .header("Authorization", "Bearer " + fresh.token()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals("{}", r.body());
    }
  }
}
