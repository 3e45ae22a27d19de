package io.dbsync.emulator.sql;

import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.iam.AccessControlRequest;
import com.databricks.sdk.service.iam.ObjectPermissions;
import com.databricks.sdk.service.iam.PermissionLevel;
import com.databricks.sdk.service.iam.SetObjectPermissions;
import com.databricks.sdk.service.iam.User;
import com.databricks.sdk.service.sql.CreateQueryRequest;
import com.databricks.sdk.service.sql.CreateQueryRequestQuery;
import com.databricks.sdk.service.sql.LifecycleState;
import com.databricks.sdk.service.sql.ListQueriesRequest;
import com.databricks.sdk.service.sql.ListQueryObjectsResponseQuery;
import com.databricks.sdk.service.sql.Query;
import com.databricks.sdk.service.sql.QueryParameter;
import com.databricks.sdk.service.sql.RunAsMode;
import com.databricks.sdk.service.sql.TextValue;
import com.databricks.sdk.service.sql.UpdateQueryRequest;
import com.databricks.sdk.service.sql.UpdateQueryRequestQuery;
import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.compute.EmulatorSdkTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueriesApiTest extends EmulatorSdkTest {

  private Query create(String name, String parent) {
    return w.queries().create(new CreateQueryRequest().setQuery(new CreateQueryRequestQuery().setDisplayName(name)
        .setWarehouseId("f562046bc1272886").setQueryText("SELECT 1").setParentPath(parent)));
  }

  private List<ListQueryObjectsResponseQuery> list(long pageSize) {
    return StreamSupport.stream(w.queries().list(new ListQueriesRequest().setPageSize(pageSize)).spliterator(), false).toList();
  }

  @Test
  void createGetUpdateTrash() {
    Query q = w.queries().create(new CreateQueryRequest().setQuery(new CreateQueryRequestQuery().setDisplayName("daily")
        .setWarehouseId("f562046bc1272886").setQueryText("SELECT {{ day }}").setDescription("d").setTags(List.of("ops"))
        .setParameters(List.of(new QueryParameter().setName("day").setTitle("Day").setTextValue(new TextValue().setValue("1"))))));
    assertEquals("/Users/" + emu.workspace().adminUser(), q.getParentPath(), "default parent is the caller's home");
    assertEquals(RunAsMode.OWNER, q.getRunAsMode());
    assertEquals(LifecycleState.ACTIVE, q.getLifecycleState());
    assertEquals(emu.workspace().adminUser(), q.getOwnerUserName());
    assertTrue(q.getCreateTime().endsWith("Z"));

    Query got = w.queries().get(q.getId());
    assertEquals("SELECT {{ day }}", got.getQueryText());
    assertEquals("1", got.getParameters().iterator().next().getTextValue().getValue());

    Query updated = w.queries().update(new UpdateQueryRequest().setId(q.getId()).setUpdateMask("query_text,description")
        .setQuery(new UpdateQueryRequestQuery().setQueryText("SELECT 2")));
    assertEquals("SELECT 2", updated.getQueryText());
    assertNull(updated.getDescription(), "a masked field absent from the body is cleared");
    assertEquals(List.of("ops"), List.copyOf(updated.getTags()), "unmasked fields stay");
    Query replaced = w.queries().update(new UpdateQueryRequest().setId(q.getId()).setUpdateMask("*")
        .setQuery(new UpdateQueryRequestQuery().setDisplayName("daily-2").setQueryText("SELECT 3")));
    assertNull(replaced.getTags());
    assertEquals("daily-2", w.queries().get(q.getId()).getDisplayName());

    w.queries().delete(q.getId());
    assertEquals(LifecycleState.TRASHED, w.queries().get(q.getId()).getLifecycleState(), "trashed queries can still be read");
    assertTrue(list(100).stream().noneMatch(x -> x.getId().equals(q.getId())));
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.queries().delete(q.getId()));
  }

  @Test
  void displayNamesAreUniquePerFolder() {
    w.workspace().mkdirs("/Shared/q");
    create("dup", "/Shared/q");
    assertApiError(ResourceAlreadyExists.class, "RESOURCE_ALREADY_EXISTS", () -> create("dup", "/Shared/q"));
    Query resolved = w.queries().create(new CreateQueryRequest().setAutoResolveDisplayName(true)
        .setQuery(new CreateQueryRequestQuery().setDisplayName("dup").setParentPath("/Workspace/Shared/q")));
    assertEquals("dup (1)", resolved.getDisplayName());
    assertEquals("/Shared/q", resolved.getParentPath());
    assertEquals("dup", create("dup", "/Users/" + emu.workspace().adminUser()).getDisplayName(), "another folder is fine");
  }

  @Test
  void errors() {
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.queries().get("00000000-0000-0000-0000-000000000000"));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.queries().create(new CreateQueryRequest()));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.queries().create(new CreateQueryRequest()
        .setQuery(new CreateQueryRequestQuery().setQueryText("SELECT 1"))));
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> create("x", "/Shared/none"));
    Query q = create("errs", null);
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.queries().update(new UpdateQueryRequest()
        .setId(q.getId()).setQuery(new UpdateQueryRequestQuery().setQueryText("x"))));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.queries().update(new UpdateQueryRequest()
        .setId(q.getId()).setUpdateMask("id").setQuery(new UpdateQueryRequestQuery())));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.queries().update(new UpdateQueryRequest()
        .setId(q.getId()).setUpdateMask("owner_user_name").setQuery(new UpdateQueryRequestQuery().setOwnerUserName("ghost@x.com"))));
  }

  @Test
  void listPaginatesAndPermissions() throws Exception {
    try (Emulator fresh = new Emulator().start()) {
      var client = new com.databricks.sdk.WorkspaceClient(new com.databricks.sdk.core.DatabricksConfig()
          .setHost(fresh.url()).setToken(fresh.token()).setAuthType("pat"));
      for (int i = 0; i < 7; i++) {
        client.queries().create(new CreateQueryRequest().setQuery(new CreateQueryRequestQuery().setDisplayName("q" + i)));
      }
      List<String> names = StreamSupport.stream(client.queries().list(new ListQueriesRequest().setPageSize(3L)).spliterator(), false)
          .map(ListQueryObjectsResponseQuery::getDisplayName).toList();
      assertEquals(List.of("q0", "q1", "q2", "q3", "q4", "q5", "q6"), names);
      fresh.requests().reset();
      StreamSupport.stream(client.queries().list(new ListQueriesRequest().setPageSize(3L)).spliterator(), false).count();
      assertEquals(3, fresh.requests().route("GET /api/2.0/sql/queries"), "three pages of three");
    }
    w.users().create(new User().setUserName("qa@example.com"));
    Query q = create("perm", null);
    for (String type : List.of("queries", "sql/queries")) {
      ObjectPermissions p = w.permissions().set(new SetObjectPermissions().setRequestObjectType(type).setRequestObjectId(q.getId())
          .setAccessControlList(List.of(new AccessControlRequest().setUserName("qa@example.com").setPermissionLevel(PermissionLevel.CAN_RUN))));
      assertEquals("query", p.getObjectType());
      assertEquals("/queries/" + q.getId(), p.getObjectId());
    }
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.permissions().set(new SetObjectPermissions()
        .setRequestObjectType("queries").setRequestObjectId(q.getId()).setAccessControlList(List.of(
            new AccessControlRequest().setUserName("qa@example.com").setPermissionLevel(PermissionLevel.CAN_VIEW)))));
    w.queries().delete(q.getId());
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.permissions().get("queries", q.getId()));
  }

  @Test
  void seedAndDump() throws Exception {
    try (Emulator seeded = new Emulator()) {
      seeded.seed(Json.parse("""
          {"queries": [{"id": "11111111-2222-3333-4444-555555555555", "display_name": "s", "query_text": "SELECT 1",
                        "owner_user_name": "someone@example.com", "lifecycle_state": "TRASHED"}]}"""));
      var q = seeded.dump().get("queries").get(0);
      assertEquals("someone@example.com", q.get("owner_user_name").asText());
      assertEquals("TRASHED", q.get("lifecycle_state").asText());
      assertEquals("/Users/" + seeded.workspace().adminUser(), q.get("parent_path").asText());
    }
  }
}
