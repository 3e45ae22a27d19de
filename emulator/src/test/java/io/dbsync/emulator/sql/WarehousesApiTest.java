package io.dbsync.emulator.sql;

import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.iam.AccessControlRequest;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.PermissionLevel;
import com.databricks.sdk.service.sql.Channel;
import com.databricks.sdk.service.sql.ChannelName;
import com.databricks.sdk.service.sql.CreateWarehouseRequest;
import com.databricks.sdk.service.sql.CreateWarehouseRequestWarehouseType;
import com.databricks.sdk.service.sql.EditWarehouseRequest;
import com.databricks.sdk.service.sql.EndpointInfo;
import com.databricks.sdk.service.sql.EndpointTagPair;
import com.databricks.sdk.service.sql.EndpointTags;
import com.databricks.sdk.service.sql.GetWarehouseResponse;
import com.databricks.sdk.service.sql.ListWarehousesRequest;
import com.databricks.sdk.service.sql.WarehousePermissionsRequest;
import com.databricks.sdk.service.sql.SpotInstancePolicy;
import com.databricks.sdk.service.sql.State;
import com.databricks.sdk.service.sql.WarehouseAccessControlRequest;
import com.databricks.sdk.service.sql.WarehousePermissionLevel;
import com.databricks.sdk.service.sql.WarehousePermissions;
import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.compute.EmulatorSdkTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WarehousesApiTest extends EmulatorSdkTest {

  @Test
  void createWithDefaultsEditStopStartDelete() throws Exception {
    GetWarehouseResponse w1 = w.warehouses().create(new CreateWarehouseRequest().setName("bi").setClusterSize("Small")).get();
    assertEquals(State.RUNNING, w1.getState());
    assertEquals(120L, w1.getAutoStopMins());
    assertEquals(true, w1.getEnablePhoton());
    assertEquals(1L, w1.getMinNumClusters());
    assertEquals(1L, w1.getMaxNumClusters());
    assertEquals(SpotInstancePolicy.COST_OPTIMIZED, w1.getSpotInstancePolicy());
    assertEquals("CLASSIC", w1.getWarehouseType().toString());
    assertEquals(ChannelName.CHANNEL_NAME_CURRENT, w1.getChannel().getName());
    assertEquals(emu.workspace().adminUser(), w1.getCreatorName());
    assertTrue(w1.getOdbcParams().getPath().endsWith(w1.getId()));

    w.warehouses().edit(new EditWarehouseRequest().setId(w1.getId()).setName("bi").setClusterSize("Medium").setMaxNumClusters(3L)
        .setChannel(new Channel().setName(ChannelName.CHANNEL_NAME_PREVIEW))
        .setTags(new EndpointTags().setCustomTags(List.of(new EndpointTagPair().setKey("team").setValue("bi")))));
    GetWarehouseResponse edited = w.warehouses().get(w1.getId());
    assertEquals("Medium", edited.getClusterSize());
    assertEquals(3L, edited.getMaxNumClusters());
    assertEquals(120L, edited.getAutoStopMins(), "fields not given keep their values");
    assertEquals("team", edited.getTags().getCustomTags().iterator().next().getKey());

    assertEquals(State.STOPPED, w.warehouses().stop(new com.databricks.sdk.service.sql.StopRequest().setId(w1.getId())).get().getState());
    assertEquals(0L, w.warehouses().get(w1.getId()).getNumClusters());
    assertEquals(State.RUNNING, w.warehouses().start(new com.databricks.sdk.service.sql.StartRequest().setId(w1.getId())).get().getState());
    w.warehouses().delete(w1.getId());
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.warehouses().get(w1.getId()));
  }

  @Test
  void serverlessIsPro() throws Exception {
    GetWarehouseResponse s = w.warehouses().create(new CreateWarehouseRequest().setName("sls").setEnableServerlessCompute(true)
        .setAutoStopMins(5L)).get();
    assertEquals("PRO", s.getWarehouseType().toString());
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.warehouses().create(new CreateWarehouseRequest()
        .setName("sls2").setEnableServerlessCompute(true).setWarehouseType(CreateWarehouseRequestWarehouseType.CLASSIC)));
  }

  @Test
  void errors() throws Exception {
    w.warehouses().create(new CreateWarehouseRequest().setName("taken")).get();
    assertApiError(ResourceAlreadyExists.class, "RESOURCE_ALREADY_EXISTS",
        () -> w.warehouses().create(new CreateWarehouseRequest().setName("taken")));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.warehouses().create(new CreateWarehouseRequest()));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> w.warehouses().create(new CreateWarehouseRequest().setName("huge").setClusterSize("6X-Large")));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> w.warehouses().create(new CreateWarehouseRequest().setName("stop").setAutoStopMins(5L)));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> w.warehouses().create(new CreateWarehouseRequest().setName("mm").setMinNumClusters(3L).setMaxNumClusters(2L)));
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST",
        () -> w.warehouses().edit(new EditWarehouseRequest().setId("ffffffffffffffff").setName("x")));
  }

  @Test
  void listPaginatesWithPageSize() throws Exception {
    try (Emulator fresh = new Emulator().start()) {
      var client = new com.databricks.sdk.WorkspaceClient(new com.databricks.sdk.core.DatabricksConfig()
          .setHost(fresh.url()).setToken(fresh.token()).setAuthType("pat"));
      for (int i = 0; i < 5; i++) {
        client.warehouses().create(new CreateWarehouseRequest().setName("w" + i));
      }
      List<String> names = StreamSupport.stream(client.warehouses().list(new ListWarehousesRequest().setPageSize(2L))
          .spliterator(), false).map(EndpointInfo::getName).toList();
      assertEquals(List.of("w0", "w1", "w2", "w3", "w4"), names);
      assertEquals(3, fresh.requests().route("GET /api/2.0/sql/warehouses|endpoints"));
    }
  }

  @Test
  void permissionsRoundTrip() throws Exception {
    w.groups().create(new Group().setDisplayName("analysts"));
    String id = w.warehouses().create(new CreateWarehouseRequest().setName("perm")).get().getId();
    WarehousePermissions p = w.warehouses().setPermissions(new WarehousePermissionsRequest().setWarehouseId(id)
        .setAccessControlList(List.of(new WarehouseAccessControlRequest().setGroupName("analysts")
            .setPermissionLevel(WarehousePermissionLevel.CAN_MONITOR))));
    assertEquals("/sql/warehouses/" + id, p.getObjectId());
    assertTrue(p.getAccessControlList().stream().anyMatch(a -> emu.workspace().adminUser().equals(a.getUserName())
        && a.getAllPermissions().iterator().next().getPermissionLevel() == WarehousePermissionLevel.IS_OWNER));
    assertEquals(3, w.permissions().get("sql/warehouses", id).getAccessControlList().size());
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.permissions().update(
        new com.databricks.sdk.service.iam.UpdateObjectPermissions().setRequestObjectType("warehouses").setRequestObjectId(id)
            .setAccessControlList(List.of(new AccessControlRequest().setGroupName("analysts").setPermissionLevel(PermissionLevel.CAN_RUN)))));
    w.warehouses().delete(id);
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.warehouses().getPermissions(id));
  }
}
