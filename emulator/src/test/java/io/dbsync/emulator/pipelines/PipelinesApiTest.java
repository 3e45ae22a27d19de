package io.dbsync.emulator.pipelines;

import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.ResourceConflict;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.iam.User;
import com.databricks.sdk.service.pipelines.CreatePipeline;
import com.databricks.sdk.service.pipelines.CreatePipelineResponse;
import com.databricks.sdk.service.pipelines.EditPipeline;
import com.databricks.sdk.service.pipelines.GetPipelineResponse;
import com.databricks.sdk.service.pipelines.ListPipelinesRequest;
import com.databricks.sdk.service.pipelines.NotebookLibrary;
import com.databricks.sdk.service.pipelines.PipelineAccessControlRequest;
import com.databricks.sdk.service.pipelines.PipelineLibrary;
import com.databricks.sdk.service.pipelines.PipelinePermissionLevel;
import com.databricks.sdk.service.pipelines.PipelinePermissions;
import com.databricks.sdk.service.pipelines.PipelinePermissionsRequest;
import com.databricks.sdk.service.pipelines.PipelineState;
import com.databricks.sdk.service.pipelines.PipelineStateInfo;
import com.databricks.sdk.service.pipelines.RunAs;
import com.databricks.sdk.service.pipelines.StopRequest;
import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.compute.EmulatorSdkTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelinesApiTest extends EmulatorSdkTest {

  private static PipelineLibrary notebook(String path) {
    return new PipelineLibrary().setNotebook(new NotebookLibrary().setPath(path));
  }

  private List<PipelineStateInfo> list(ListPipelinesRequest req) {
    return StreamSupport.stream(w.pipelines().listPipelines(req).spliterator(), false).toList();
  }

  @Test
  void createGetEditStopDelete() throws Exception {
    CreatePipelineResponse created = w.pipelines().create(new CreatePipeline().setName("sales-dlt").setTarget("sales")
        .setLibraries(List.of(notebook("/Users/nobody/does-not-exist"))).setDevelopment(true).setContinuous(false)
        .setConfiguration(Map.of("k", "v")).setParameters(Map.of("p", "1")).setEdition("ADVANCED").setChannel("CURRENT"));
    String id = created.getPipelineId();
    GetPipelineResponse p = w.pipelines().get(id);
    assertEquals("sales-dlt", p.getName());
    assertEquals(PipelineState.IDLE, p.getState());
    assertEquals(emu.workspace().adminUser(), p.getCreatorUserName());
    assertEquals(emu.workspace().adminUser(), p.getRunAsUserName());
    assertEquals(id, p.getSpec().getId());
    assertEquals("dbfs:/pipelines/" + id, p.getSpec().getStorage(), "Hive metastore pipelines get a default storage");
    assertEquals("/Users/nobody/does-not-exist", p.getSpec().getLibraries().iterator().next().getNotebook().getPath());
    assertEquals(Map.of("p", "1"), p.getParameters());
    assertEquals(Map.of("k", "v"), p.getSpec().getConfiguration());

    w.users().create(new User().setUserName("runner@example.com"));
    w.pipelines().update(new EditPipeline().setPipelineId(id).setName("sales-dlt-2").setCatalog("main").setSchema("sales")
        .setLibraries(List.of(notebook("/Shared/dlt"))).setRunAs(new RunAs().setUserName("runner@example.com"))
        .setExpectedLastModified(p.getLastModified()));
    GetPipelineResponse edited = w.pipelines().get(id);
    assertEquals("sales-dlt-2", edited.getName());
    assertNull(edited.getSpec().getTarget(), "edit replaces the settings");
    assertNull(edited.getSpec().getStorage(), "a Unity Catalog pipeline has no default storage");
    assertNull(edited.getParameters());
    assertEquals("runner@example.com", edited.getRunAsUserName());
    assertEquals("runner@example.com", edited.getRunAs().getUserName());
    assertApiError(ResourceConflict.class, "RESOURCE_CONFLICT", () -> w.pipelines().update(new EditPipeline().setPipelineId(id)
        .setName("stale").setExpectedLastModified(1L)));

    assertEquals(PipelineState.IDLE, w.pipelines().stop(new StopRequest().setPipelineId(id)).get().getState());
    w.pipelines().delete(id);
    ResourceDoesNotExist gone = assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.pipelines().get(id));
    assertEquals("The specified pipeline " + id + " was not found.", gone.getMessage());
  }

  @Test
  void dryRunNamesAndErrors() {
    w.pipelines().create(new CreatePipeline().setName("unique"));
    assertApiError(ResourceConflict.class, "RESOURCE_CONFLICT", () -> w.pipelines().create(new CreatePipeline().setName("unique")));
    w.pipelines().create(new CreatePipeline().setName("unique").setAllowDuplicateNames(true));
    CreatePipelineResponse dry = w.pipelines().create(new CreatePipeline().setName("dry").setDryRun(true));
    assertNull(dry.getPipelineId());
    assertEquals("dry", dry.getEffectiveSettings().getName());
    assertTrue(list(new ListPipelinesRequest().setFilter("name LIKE 'dry'")).isEmpty(), "a dry run creates nothing");
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.pipelines().create(new CreatePipeline()
        .setName("both").setSchema("a").setTarget("b")));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.pipelines().create(new CreatePipeline()
        .setName("dotted").setTarget("main.sales")));
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.pipelines().get("no-such-pipeline"));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> list(new ListPipelinesRequest().setMaxResults(101L)));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> list(new ListPipelinesRequest().setFilter("state = 'IDLE'")));
  }

  @Test
  void listPaginatesFiltersAndOrders() throws Exception {
    try (Emulator fresh = new Emulator().start()) {
      var client = new com.databricks.sdk.WorkspaceClient(new com.databricks.sdk.core.DatabricksConfig()
          .setHost(fresh.url()).setToken(fresh.token()).setAuthType("pat"));
      for (int i = 0; i < 30; i++) {
        client.pipelines().create(new CreatePipeline().setName(String.format("p%02d", i))
            .setLibraries(List.of(notebook(i % 10 == 0 ? "/Shared/shared-nb" : "/Shared/nb" + i))));
      }
      List<String> all = StreamSupport.stream(client.pipelines().listPipelines(new ListPipelinesRequest()
          .setOrderBy(List.of("name desc"))).spliterator(), false).map(PipelineStateInfo::getName).toList();
      assertEquals(30, all.size());
      assertEquals("p29", all.get(0));
      assertEquals(2, fresh.requests().route("GET /api/2.0/pipelines"), "25 per page by default");
      List<String> filtered = StreamSupport.stream(client.pipelines().listPipelines(new ListPipelinesRequest()
          .setFilter("notebook='/Shared/shared-nb'").setMaxResults(2L)).spliterator(), false).map(PipelineStateInfo::getName).toList();
      assertEquals(List.of("p00", "p10", "p20"), filtered.stream().sorted().toList());
      assertEquals(List.of("p10", "p11", "p12"), StreamSupport.stream(client.pipelines().listPipelines(new ListPipelinesRequest()
          .setFilter("name LIKE 'p1_'").setOrderBy(List.of("name"))).spliterator(), false).map(PipelineStateInfo::getName)
          .limit(3).toList());
    }
  }

  @Test
  void permissionsKeepOneOwnerAndSeed() throws Exception {
    w.users().create(new User().setUserName("viewer@example.com"));
    String id = w.pipelines().create(new CreatePipeline().setName("perm")).getPipelineId();
    PipelinePermissions p = w.pipelines().setPermissions(new PipelinePermissionsRequest().setPipelineId(id)
        .setAccessControlList(List.of(new PipelineAccessControlRequest().setUserName("viewer@example.com")
            .setPermissionLevel(PipelinePermissionLevel.CAN_VIEW))));
    assertEquals("/pipelines/" + id, p.getObjectId());
    assertEquals("pipelines", p.getObjectType());
    assertTrue(p.getAccessControlList().stream().anyMatch(a -> emu.workspace().adminUser().equals(a.getUserName())
        && a.getAllPermissions().iterator().next().getPermissionLevel() == PipelinePermissionLevel.IS_OWNER));
    w.pipelines().delete(id);
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.pipelines().getPermissions(id));

    try (Emulator seeded = new Emulator()) {
      seeded.seed(Json.parse("""
          {"pipelines": [{"pipeline_id": "123", "name": "Test DLT", "creator_user_name": "user@domain.com",
                          "catalog": "main", "schema": "s", "libraries": [{"notebook": {"path": "/x"}}]}]}"""));
      var d = seeded.dump().get("pipelines").get(0);
      assertEquals("user@domain.com", d.get("creator_user_name").asText());
      assertEquals("user@domain.com", d.get("run_as_user_name").asText());
      assertEquals("123", d.get("spec").get("id").asText());
      assertTrue(!d.get("spec").has("creator_user_name") && !d.get("spec").has("storage"), d.toString());
    }
  }
}
