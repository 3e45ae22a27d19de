package io.dbsync.emulator.dashboards;

import com.databricks.sdk.core.error.platform.Aborted;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.dashboards.CreateDashboardRequest;
import com.databricks.sdk.service.dashboards.Dashboard;
import com.databricks.sdk.service.dashboards.LifecycleState;
import com.databricks.sdk.service.dashboards.ListDashboardsRequest;
import com.databricks.sdk.service.dashboards.PublishRequest;
import com.databricks.sdk.service.dashboards.PublishedDashboard;
import com.databricks.sdk.service.dashboards.UpdateDashboardRequest;
import com.databricks.sdk.service.iam.AccessControlRequest;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.ObjectPermissions;
import com.databricks.sdk.service.iam.PermissionLevel;
import com.databricks.sdk.service.iam.SetObjectPermissions;
import com.databricks.sdk.service.workspace.Delete;
import com.databricks.sdk.service.workspace.ExportFormat;
import com.databricks.sdk.service.workspace.ObjectInfo;
import com.databricks.sdk.service.workspace.ObjectType;
import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.compute.EmulatorSdkTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LakeviewApiTest extends EmulatorSdkTest {
  private static final String LAYOUT = "{\"datasets\":[{\"name\":\"d1\",\"query\":\"SELECT 1\"}],\"pages\":[{\"name\":\"p1\",\"displayName\":\"P\"}]}";

  private Dashboard create(String name, String parent) {
    return w.lakeview().create(new CreateDashboardRequest().setDashboard(new Dashboard().setDisplayName(name)
        .setParentPath(parent).setWarehouseId("f562046bc1272886").setSerializedDashboard(LAYOUT)));
  }

  private List<Dashboard> list(boolean trashed) {
    return StreamSupport.stream(w.lakeview().list(new ListDashboardsRequest().setShowTrashed(trashed)).spliterator(), false).toList();
  }

  @Test
  void createGetUpdatePublishTrash() {
    w.workspace().mkdirs("/Shared/bi");
    Dashboard d = create("Sales", "/Workspace/Shared/bi");
    assertEquals(32, d.getDashboardId().length());
    assertEquals("/Shared/bi", d.getParentPath());
    assertEquals("/Shared/bi/Sales.lvdash.json", d.getPath());
    assertEquals(LifecycleState.ACTIVE, d.getLifecycleState());
    assertEquals("{\"datasets\":[{\"name\":\"d1\",\"query\":\"SELECT 1\"}],\"pages\":[{\"displayName\":\"P\",\"name\":\"p1\","
        + "\"pageType\":\"PAGE_TYPE_CANVAS\"}]}\n", d.getSerializedDashboard(), "pageType injected, keys sorted, one newline");

    ObjectInfo file = w.workspace().getStatus("/Shared/bi/Sales.lvdash.json");
    assertEquals(ObjectType.DASHBOARD, file.getObjectType());
    assertEquals(d.getDashboardId(), file.getResourceId());
    String exported = new String(Base64.getDecoder().decode(w.workspace().export(new com.databricks.sdk.service.workspace.ExportRequest().setPath("/Shared/bi/Sales.lvdash.json").setFormat(ExportFormat.SOURCE))
        .getContent()), StandardCharsets.UTF_8);
    assertEquals(d.getSerializedDashboard(), exported);

    String kept = "{\"pages\":[{\"name\":\"p1\",\"pageType\":\"PAGE_TYPE_CANVAS\"}]}";
    Dashboard renamed = w.lakeview().update(new UpdateDashboardRequest().setDashboardId(d.getDashboardId())
        .setDashboard(new Dashboard().setDisplayName("Revenue").setEtag(d.getEtag()).setSerializedDashboard(kept)));
    assertEquals("/Shared/bi/Revenue.lvdash.json", renamed.getPath());
    assertEquals(kept + "\n", renamed.getSerializedDashboard(), "nothing injected: verbatim");
    assertNotEquals(d.getEtag(), renamed.getEtag());
    assertEquals("f562046bc1272886", renamed.getWarehouseId(), "fields not given stay");
    assertTrue(w.workspace().getStatus("/Shared/bi/Revenue.lvdash.json").getObjectId().equals(file.getObjectId()));
    assertApiError(Aborted.class, "ABORTED", () -> w.lakeview().update(new UpdateDashboardRequest().setDashboardId(d.getDashboardId())
        .setDashboard(new Dashboard().setEtag(d.getEtag()).setWarehouseId("x"))));

    PublishedDashboard pub = w.lakeview().publish(new PublishRequest().setDashboardId(d.getDashboardId()).setEmbedCredentials(false));
    assertEquals("Revenue", pub.getDisplayName());
    assertEquals(false, pub.getEmbedCredentials());
    assertEquals("f562046bc1272886", w.lakeview().getPublished(d.getDashboardId()).getWarehouseId());
    w.lakeview().unpublish(d.getDashboardId());
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.lakeview().getPublished(d.getDashboardId()));
    w.lakeview().publish(new PublishRequest().setDashboardId(d.getDashboardId()));

    w.lakeview().trash(d.getDashboardId());
    assertEquals(LifecycleState.TRASHED, w.lakeview().get(d.getDashboardId()).getLifecycleState());
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.workspace().getStatus("/Shared/bi/Revenue.lvdash.json"));
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.lakeview().getPublished(d.getDashboardId()));
    assertApiError(PermissionDenied.class, "PERMISSION_DENIED", () -> w.lakeview().trash(d.getDashboardId()));
    assertTrue(list(false).stream().noneMatch(x -> x.getDashboardId().equals(d.getDashboardId())));
    Dashboard inTrash = list(true).stream().filter(x -> x.getDashboardId().equals(d.getDashboardId())).findFirst().orElseThrow();
    assertNull(inTrash.getSerializedDashboard(), "list items are summaries");
    assertNull(inTrash.getPath());
  }

  @Test
  void datasetOverridesAndWorkspaceDelete() {
    w.workspace().mkdirs("/Shared/ops");
    Dashboard d = w.lakeview().create(new CreateDashboardRequest().setDatasetCatalog("main").setDatasetSchema("ops")
        .setDashboard(new Dashboard().setDisplayName("Ops").setParentPath("/Shared/ops").setSerializedDashboard(LAYOUT)));
    assertTrue(d.getSerializedDashboard().contains("\"catalog\":\"main\""));
    assertTrue(d.getSerializedDashboard().contains("\"schema\":\"ops\""));
    assertTrue(StreamSupport.stream(w.workspace().list("/Shared/ops").spliterator(), false)
        .anyMatch(o -> o.getObjectType() == ObjectType.DASHBOARD && o.getPath().equals("/Shared/ops/Ops.lvdash.json")));
    w.workspace().delete(new Delete().setPath("/Shared/ops").setRecursive(true));
    assertEquals(LifecycleState.TRASHED, w.lakeview().get(d.getDashboardId()).getLifecycleState(), "deleting the folder trashes it");
  }

  @Test
  void errors() {
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.lakeview().get("0123456789abcdef0123456789abcdef"));
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> create("x", "/Shared/missing"));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.lakeview().create(new CreateDashboardRequest()
        .setDashboard(new Dashboard().setSerializedDashboard(LAYOUT))));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.lakeview().create(new CreateDashboardRequest()
        .setDashboard(new Dashboard().setDisplayName("bad").setSerializedDashboard("{not json"))));
    create("Twice", null);
    assertApiError(ResourceAlreadyExists.class, "RESOURCE_ALREADY_EXISTS", () -> create("Twice", null));
  }

  @Test
  void listPagesAndPermissions() throws Exception {
    try (Emulator fresh = new Emulator().start()) {
      var client = new com.databricks.sdk.WorkspaceClient(new com.databricks.sdk.core.DatabricksConfig()
          .setHost(fresh.url()).setToken(fresh.token()).setAuthType("pat"));
      for (int i = 0; i < 5; i++) {
        client.lakeview().create(new CreateDashboardRequest().setDashboard(new Dashboard().setDisplayName("d" + i)));
      }
      List<String> names = StreamSupport.stream(client.lakeview().list(new ListDashboardsRequest().setPageSize(2L)).spliterator(), false)
          .map(Dashboard::getDisplayName).toList();
      assertEquals(List.of("d0", "d1", "d2", "d3", "d4"), names);
      assertEquals(3, fresh.requests().route("GET /api/2.0/lakeview/dashboards"));
    }
    w.groups().create(new Group().setDisplayName("viewers"));
    Dashboard d = create("Perm", null);
    ObjectPermissions p = w.permissions().set(new SetObjectPermissions().setRequestObjectType("dashboards")
        .setRequestObjectId(d.getDashboardId()).setAccessControlList(List.of(
            new AccessControlRequest().setGroupName("viewers").setPermissionLevel(PermissionLevel.CAN_READ))));
    assertEquals("dashboard", p.getObjectType());
    assertEquals("/dashboards/" + d.getDashboardId(), p.getObjectId());
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.permissions().set(new SetObjectPermissions()
        .setRequestObjectType("dashboards").setRequestObjectId(d.getDashboardId()).setAccessControlList(List.of(
            new AccessControlRequest().setGroupName("viewers").setPermissionLevel(PermissionLevel.CAN_VIEW)))));
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.permissions().get("dashboards", "nope"));
  }

  @Test
  void seedAndDump() throws Exception {
    try (Emulator seeded = new Emulator()) {
      seeded.seed(Json.parse("""
          {"lakeview": [{"dashboard_id": "abcdefabcdefabcdefabcdefabcdefab", "display_name": "S", "parent_path": "/Shared/seeded",
                         "serialized_dashboard": "{}", "published": {"embed_credentials": true}}]}"""));
      var d = seeded.dump().get("lakeview").get(0);
      assertEquals("/Shared/seeded/S.lvdash.json", d.get("path").asText());
      assertEquals("{}\n", d.get("serialized_dashboard").asText());
      assertTrue(d.get("published").get("embed_credentials").asBoolean());
      assertTrue(seeded.dump().get("workspace").toString().contains("\"path\":\"/Shared/seeded/S.lvdash.json\",\"object_type\":\"DASHBOARD\""));
    }
  }
}
