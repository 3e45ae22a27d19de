package io.dbsync.emulator.uc;

import com.databricks.sdk.core.error.platform.BadRequest;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.service.catalog.CatalogInfo;
import com.databricks.sdk.service.catalog.CatalogIsolationMode;
import com.databricks.sdk.service.catalog.CreateCatalog;
import com.databricks.sdk.service.catalog.CreateRegisteredModelRequest;
import com.databricks.sdk.service.catalog.CreateSchema;
import com.databricks.sdk.service.catalog.EffectivePermissionsList;
import com.databricks.sdk.service.catalog.EffectivePrivilege;
import com.databricks.sdk.service.catalog.GetGrantRequest;
import com.databricks.sdk.service.catalog.IsolationMode;
import com.databricks.sdk.service.catalog.ListCatalogsRequest;
import com.databricks.sdk.service.catalog.PermissionsChange;
import com.databricks.sdk.service.catalog.Privilege;
import com.databricks.sdk.service.catalog.PrivilegeAssignment;
import com.databricks.sdk.service.catalog.SecurableType;
import com.databricks.sdk.service.catalog.UpdateCatalog;
import com.databricks.sdk.service.catalog.UpdateExternalLocation;
import com.databricks.sdk.service.catalog.UpdatePermissions;
import com.databricks.sdk.service.catalog.UpdatePermissionsResponse;
import com.databricks.sdk.service.catalog.UpdateWorkspaceBindings;
import com.databricks.sdk.service.catalog.UpdateWorkspaceBindingsParameters;
import com.databricks.sdk.service.catalog.WorkspaceBinding;
import com.databricks.sdk.service.catalog.WorkspaceBindingBindingType;
import com.databricks.sdk.service.iam.Group;
import io.dbsync.emulator.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Grants on every securable and workspace bindings, through the official SDK. */
class UcGrantsBindingsApiTest extends UcSdkTest {
  private long workspaceId;

  @BeforeAll
  void objects() {
    workspaceId = w.metastores().current().getWorkspaceId();
    w.groups().create(new Group().setDisplayName("data-engineers"));
    for (String catalog : List.of("gcat", "ecat")) {
      w.catalogs().create(new CreateCatalog().setName(catalog));
      w.schemas().create(new CreateSchema().setCatalogName(catalog).setName("s"));
      emu.seed(Json.parse("""
          {"unity_catalog": {"tables": [{"catalog_name": "%s", "schema_name": "s", "name": "t", "table_type": "MANAGED",
            "columns": [{"name": "id", "type_text": "int"}]}]}}""".formatted(catalog)));
    }
    externalLocation("gloc", "grant-bucket");
  }

  private UpdatePermissionsResponse change(String type, String name, String principal, List<Privilege> add, List<Privilege> remove) {
    return w.grants().update(new UpdatePermissions().setSecurableType(type).setFullName(name)
        .setChanges(List.of(new PermissionsChange().setPrincipal(principal).setAdd(add).setRemove(remove))));
  }

  private static Map<String, List<Privilege>> byPrincipal(Collection<PrivilegeAssignment> assignments) {
    return assignments == null ? Map.of() : assignments.stream().collect(Collectors.toMap(PrivilegeAssignment::getPrincipal,
        a -> a.getPrivileges().stream().sorted().toList()));
  }

  @Test
  void grantsPatchAndGet() throws Exception {
    UpdatePermissionsResponse r = change("catalog", "GCAT", "data-engineers", List.of(Privilege.USE_CATALOG, Privilege.USE_SCHEMA), null);
    assertEquals(Map.of("data-engineers", List.of(Privilege.USE_CATALOG, Privilege.USE_SCHEMA)), byPrincipal(r.getPrivilegeAssignments()));
    change("catalog", "gcat", "account users", List.of(Privilege.BROWSE), null);
    assertEquals(Map.of("data-engineers", List.of(Privilege.USE_CATALOG, Privilege.USE_SCHEMA), "account users", List.of(Privilege.BROWSE)),
        byPrincipal(w.grants().get("catalog", "gcat").getPrivilegeAssignments()));
    assertEquals(Map.of("account users", List.of(Privilege.BROWSE)), byPrincipal(w.grants().get(new GetGrantRequest()
        .setSecurableType("catalog").setFullName("gcat").setPrincipal("account users")).getPrivilegeAssignments()));

    change("catalog", "gcat", "data-engineers", null, List.of(Privilege.USE_SCHEMA));
    change("catalog", "gcat", "account users", null, List.of(Privilege.BROWSE));
    assertEquals(Map.of("data-engineers", List.of(Privilege.USE_CATALOG)), byPrincipal(w.grants().get("catalog", "gcat").getPrivilegeAssignments()));

    Raw spaced = raw("PATCH", "/api/2.1/unity-catalog/permissions/schema/gcat.s",
        "{\"changes\": [{\"principal\": \"data-engineers\", \"add\": [\"use schema\", \"CREATE TABLE\"]}]}");
    assertEquals(200, spaced.status(), spaced.body().toString());
    assertEquals(Map.of("data-engineers", List.of(Privilege.CREATE_TABLE, Privilege.USE_SCHEMA)),
        byPrincipal(w.grants().get("schema", "gcat.s").getPrivilegeAssignments()));
    assertTrue(all(w.grants().list("schema", "gcat.s")).stream().anyMatch(a -> a.getPrincipal().equals("data-engineers")));

    assertApiError(NotFound.class, "PRINCIPAL_DOES_NOT_EXIST",
        () -> change("catalog", "gcat", "ghost@example.com", List.of(Privilege.USE_CATALOG), null));
    assertApiError(BadRequest.class, "INVALID_PARAMETER_VALUE",
        () -> change("table", "gcat.s.t", "data-engineers", List.of(Privilege.USE_CATALOG), null));
    assertApiError(NotFound.class, "TABLE_DOES_NOT_EXIST", () -> w.grants().get("table", "gcat.s.nope"));
    assertApiError(NotFound.class, "CATALOG_DOES_NOT_EXIST", () -> w.grants().get("catalog", "nope"));
    assertApiError(BadRequest.class, "INVALID_PARAMETER_VALUE", () -> w.grants().get("share", "x"));
    assertEquals(400, raw("GET", "/api/2.1/unity-catalog/permissions/catalog/gcat?max_results=10", null).status(),
        "a positive max_results below 150 is rejected");
    assertEquals(200, raw("GET", "/api/2.1/unity-catalog/permissions/catalog/gcat?max_results=0", null).status());
  }

  @Test
  void grantsOnEverySecurableAndEffectiveInheritance() {
    String metastoreId = w.metastores().current().getMetastoreId();
    change("metastore", metastoreId, "data-engineers", List.of(Privilege.CREATE_CATALOG), null);
    assertEquals(List.of(Privilege.CREATE_CATALOG), byPrincipal(w.grants().get("metastore", metastoreId)
        .getPrivilegeAssignments()).get("data-engineers"));
    change("storage_credential", "gloc_cred", "data-engineers", List.of(Privilege.CREATE_EXTERNAL_LOCATION), null);
    change("external_location", "gloc", "data-engineers", List.of(Privilege.READ_FILES), null);
    w.schemas().create(new CreateSchema().setCatalogName("ecat").setName("ml"));
    w.registeredModels().create(new CreateRegisteredModelRequest().setCatalogName("ecat").setSchemaName("ml").setName("m"));
    change("function", "ecat.ml.m", "data-engineers", List.of(Privilege.EXECUTE), null);
    assertEquals(List.of(Privilege.EXECUTE), byPrincipal(w.grants().get("function", "ecat.ml.m").getPrivilegeAssignments())
        .get("data-engineers"));

    change("catalog", "ecat", "account users", List.of(Privilege.SELECT, Privilege.USE_CATALOG), null);
    change("table", "ecat.s.t", "data-engineers", List.of(Privilege.MODIFY), null);
    EffectivePermissionsList eff = w.grants().getEffective("table", "ecat.s.t");
    Map<String, List<EffectivePrivilege>> byP = eff.getPrivilegeAssignments().stream()
        .collect(Collectors.toMap(a -> a.getPrincipal(), a -> List.copyOf(a.getPrivileges())));
    EffectivePrivilege inherited = byP.get("account users").get(0);
    assertEquals(Privilege.SELECT, inherited.getPrivilege());
    assertEquals(SecurableType.CATALOG, inherited.getInheritedFromType());
    assertEquals("ecat", inherited.getInheritedFromName());
    assertEquals(1, byP.get("account users").size(), "USE_CATALOG does not apply to a table");
    EffectivePrivilege direct = byP.get("data-engineers").stream().filter(p -> p.getPrivilege() == Privilege.MODIFY).findFirst().orElseThrow();
    assertNull(direct.getInheritedFromType());
    w.schemas().delete(new com.databricks.sdk.service.catalog.DeleteSchemaRequest().setFullName("ecat.ml").setForce(true));
    assertApiError(NotFound.class, "SCHEMA_DOES_NOT_EXIST", () -> w.grants().get("function", "ecat.ml.m"));
  }

  @Test
  void isolatedCatalogNeedsABindingToBeUsed() {
    w.catalogs().create(new CreateCatalog().setName("iso"));
    assertApiError(BadRequest.class, "INVALID_PARAMETER_VALUE", () -> w.workspaceBindings().updateBindings(
        new UpdateWorkspaceBindingsParameters().setSecurableType("catalog").setSecurableName("iso")
            .setAdd(List.of(new WorkspaceBinding().setWorkspaceId(workspaceId)))));
    CatalogInfo isolated = w.catalogs().update(new UpdateCatalog().setName("iso").setIsolationMode(CatalogIsolationMode.ISOLATED));
    assertEquals(CatalogIsolationMode.ISOLATED, isolated.getIsolationMode());
    assertApiError(PermissionDenied.class, "PERMISSION_DENIED", () -> w.catalogs().get("iso"));
    assertFalse(all(w.catalogs().list(new ListCatalogsRequest())).stream().anyMatch(c -> c.getName().equals("iso")));
    assertTrue(all(w.catalogs().list(new ListCatalogsRequest().setIncludeUnbound(true))).stream()
        .anyMatch(c -> c.getName().equals("iso")));

    w.workspaceBindings().updateBindings(new UpdateWorkspaceBindingsParameters().setSecurableType("catalog")
        .setSecurableName("iso").setAdd(List.of(new WorkspaceBinding().setWorkspaceId(workspaceId)
            .setBindingType(WorkspaceBindingBindingType.BINDING_TYPE_READ_WRITE))));
    assertEquals("iso", w.catalogs().get("iso").getName());
    w.schemas().create(new CreateSchema().setCatalogName("iso").setName("ok"));

    assertEquals(List.of(workspaceId), List.copyOf(w.workspaceBindings().get("iso").getWorkspaces()));
    w.workspaceBindings().update(new UpdateWorkspaceBindings().setName("iso").setAssignWorkspaces(List.of(555L)));
    List<WorkspaceBinding> bindings = all(w.workspaceBindings().getBindings("catalog", "iso"));
    assertEquals(List.of(555L, workspaceId), bindings.stream().map(WorkspaceBinding::getWorkspaceId).toList());

    w.workspaceBindings().updateBindings(new UpdateWorkspaceBindingsParameters().setSecurableType("catalog")
        .setSecurableName("iso").setAdd(List.of(new WorkspaceBinding().setWorkspaceId(workspaceId)
            .setBindingType(WorkspaceBindingBindingType.BINDING_TYPE_READ_ONLY))));
    assertEquals("iso.ok", w.schemas().get("iso.ok").getFullName(), "read-only still reads");
    assertApiError(PermissionDenied.class, "PERMISSION_DENIED",
        () -> w.schemas().create(new CreateSchema().setCatalogName("iso").setName("no")));

    w.workspaceBindings().update(new UpdateWorkspaceBindings().setName("iso").setUnassignWorkspaces(List.of(555L, workspaceId)));
    assertNull(w.workspaceBindings().get("iso").getWorkspaces());
    assertApiError(PermissionDenied.class, "PERMISSION_DENIED", () -> w.schemas().get("iso.ok"));
  }

  @Test
  void externalLocationBindingsAreReadWriteOnly() {
    w.externalLocations().update(new UpdateExternalLocation().setName("gloc").setIsolationMode(IsolationMode.ISOLATION_MODE_ISOLATED));
    assertApiError(PermissionDenied.class, "PERMISSION_DENIED", () -> w.externalLocations().get("gloc"));
    assertApiError(BadRequest.class, "INVALID_PARAMETER_VALUE", () -> w.workspaceBindings().updateBindings(
        new UpdateWorkspaceBindingsParameters().setSecurableType("external_location").setSecurableName("gloc")
            .setAdd(List.of(new WorkspaceBinding().setWorkspaceId(workspaceId)
                .setBindingType(WorkspaceBindingBindingType.BINDING_TYPE_READ_ONLY)))));
    w.workspaceBindings().updateBindings(new UpdateWorkspaceBindingsParameters().setSecurableType("external_location")
        .setSecurableName("gloc").setAdd(List.of(new WorkspaceBinding().setWorkspaceId(workspaceId))));
    assertEquals("gloc", w.externalLocations().get("gloc").getName());
    assertEquals(WorkspaceBindingBindingType.BINDING_TYPE_READ_WRITE,
        all(w.workspaceBindings().getBindings("external_location", "gloc")).get(0).getBindingType());
  }
}
