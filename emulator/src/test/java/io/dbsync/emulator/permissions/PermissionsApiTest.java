package io.dbsync.emulator.permissions;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.iam.AccessControlRequest;
import com.databricks.sdk.service.iam.AccessControlResponse;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.ObjectPermissions;
import com.databricks.sdk.service.iam.Permission;
import com.databricks.sdk.service.iam.PermissionLevel;
import com.databricks.sdk.service.iam.PermissionsDescription;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.iam.SetObjectPermissions;
import com.databricks.sdk.service.iam.UpdateObjectPermissions;
import com.databricks.sdk.service.iam.User;
import com.databricks.sdk.service.jobs.CreateJob;
import com.databricks.sdk.service.workspace.Import;
import com.databricks.sdk.service.workspace.Language;
import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Permissions 2.0 through the official Java SDK. */
class PermissionsApiTest {
  static Emulator emu;
  static WorkspaceClient w;
  static String notebookId;

  @BeforeAll
  static void start() throws Exception {
    emu = new Emulator().start();
    w = new WorkspaceClient(new DatabricksConfig().setHost(emu.url()).setToken(emu.token()).setAuthType("pat"));
    w.users().create(new User().setUserName("ann@example.com").setDisplayName("Ann"));
    w.users().create(new User().setUserName("bob@example.com"));
    w.groups().create(new Group().setDisplayName("analysts"));
    w.workspace().importContent(new Import().setPath("/Shared/nb").setLanguage(Language.PYTHON).setContent("MQ=="));
    emu.seed(Json.parse("{\"sql\": {\"warehouses\": [{\"id\": \"f562046bc1272886\", \"name\": \"perm-wh\"}]}}"));
    notebookId = w.workspace().getStatus("/Shared/nb").getObjectId().toString();
  }

  @AfterAll
  static void stop() {
    emu.close();
  }

  static AccessControlRequest user(String name, PermissionLevel level) {
    return new AccessControlRequest().setUserName(name).setPermissionLevel(level);
  }

  static AccessControlRequest group(String name, PermissionLevel level) {
    return new AccessControlRequest().setGroupName(name).setPermissionLevel(level);
  }

  /** "principal:LEVEL[:inherited]" for every permission entry, in response order. */
  static List<String> grants(ObjectPermissions p) {
    List<String> out = new ArrayList<>();
    for (AccessControlResponse acr : p.getAccessControlList()) {
      String who = acr.getUserName() != null ? acr.getUserName()
          : acr.getGroupName() != null ? acr.getGroupName() : acr.getServicePrincipalName();
      for (Permission perm : acr.getAllPermissions()) {
        out.add(who + ":" + perm.getPermissionLevel() + (Boolean.TRUE.equals(perm.getInherited()) ? ":inherited" : ""));
      }
    }
    return out;
  }

  @Test
  void notebookSetUpdateAndGet() {
    ObjectPermissions initial = w.permissions().get("notebooks", notebookId);
    assertEquals("/notebooks/" + notebookId, initial.getObjectId());
    assertEquals("notebook", initial.getObjectType());
    assertEquals(List.of("admins:CAN_MANAGE:inherited"), grants(initial));
    Permission inherited = initial.getAccessControlList().iterator().next().getAllPermissions().iterator().next();
    assertEquals(List.of("/directories/"), new ArrayList<>(inherited.getInheritedFromObject()));

    ObjectPermissions set = w.permissions().set(new SetObjectPermissions().setRequestObjectType("notebooks")
        .setRequestObjectId(notebookId).setAccessControlList(List.of(user("ann@example.com", PermissionLevel.CAN_READ),
            group("analysts", PermissionLevel.CAN_RUN))));
    assertEquals(List.of("ann@example.com:CAN_READ", "analysts:CAN_RUN", "admins:CAN_MANAGE:inherited"), grants(set));
    assertEquals("Ann", set.getAccessControlList().iterator().next().getDisplayName());

    ObjectPermissions updated = w.permissions().update(new UpdateObjectPermissions().setRequestObjectType("notebooks")
        .setRequestObjectId(notebookId).setAccessControlList(List.of(user("ann@example.com", PermissionLevel.CAN_EDIT),
            group("admins", PermissionLevel.CAN_MANAGE))));
    assertEquals(List.of("ann@example.com:CAN_EDIT", "analysts:CAN_RUN", "admins:CAN_MANAGE", "admins:CAN_MANAGE:inherited"),
        grants(updated));
    assertEquals(grants(updated), grants(w.permissions().get("notebooks", notebookId)));

    ObjectPermissions cleared = w.permissions().set(new SetObjectPermissions().setRequestObjectType("notebooks")
        .setRequestObjectId(notebookId).setAccessControlList(List.of()));
    assertEquals(List.of("admins:CAN_MANAGE:inherited"), grants(cleared));
  }

  @Test
  void workspaceObjectsInheritFolderGrants() {
    w.workspace().mkdirs("/Shared/team/sub");
    w.workspace().importContent(new Import().setPath("/Shared/team/sub/nb2").setLanguage(Language.PYTHON).setContent("MQ=="));
    String teamId = w.workspace().getStatus("/Shared/team").getObjectId().toString();
    String nb2 = w.workspace().getStatus("/Shared/team/sub/nb2").getObjectId().toString();
    w.permissions().set(new SetObjectPermissions().setRequestObjectType("directories").setRequestObjectId(teamId)
        .setAccessControlList(List.of(group("analysts", PermissionLevel.CAN_RUN))));
    w.permissions().set(new SetObjectPermissions().setRequestObjectType("notebooks").setRequestObjectId(nb2)
        .setAccessControlList(List.of(group("analysts", PermissionLevel.CAN_EDIT))));

    ObjectPermissions p = w.permissions().get("notebooks", nb2);
    assertEquals(List.of("analysts:CAN_EDIT", "analysts:CAN_RUN:inherited", "admins:CAN_MANAGE:inherited"), grants(p));
    Permission fromFolder = p.getAccessControlList().iterator().next().getAllPermissions().stream().toList().get(1);
    assertEquals(List.of("/directories/" + teamId), new ArrayList<>(fromFolder.getInheritedFromObject()));
    assertEquals(List.of("analysts:CAN_RUN", "admins:CAN_MANAGE:inherited"),
        grants(w.permissions().get("directories", teamId)), "a folder does not inherit from itself");
  }

  @Test
  void unknownObjectsLevelsAndPrincipalsAreRejected() {
    DatabricksError missing = assertThrows(ResourceDoesNotExist.class, () -> w.permissions().get("notebooks", "999999"));
    assertEquals(404, missing.getStatusCode());
    assertEquals("RESOURCE_DOES_NOT_EXIST", missing.getErrorCode());
    assertThrows(ResourceDoesNotExist.class, () -> w.permissions().get("jobs", "424242"));
    assertThrows(ResourceDoesNotExist.class, () -> w.permissions().get("directories", notebookId), "a notebook id is not a directory");

    DatabricksError level = assertThrows(InvalidParameterValue.class, () -> w.permissions().set(new SetObjectPermissions()
        .setRequestObjectType("notebooks").setRequestObjectId(notebookId)
        .setAccessControlList(List.of(user("ann@example.com", PermissionLevel.CAN_ATTACH_TO)))));
    assertEquals(400, level.getStatusCode());
    DatabricksError nobody = assertThrows(InvalidParameterValue.class, () -> w.permissions().update(new UpdateObjectPermissions()
        .setRequestObjectType("notebooks").setRequestObjectId(notebookId)
        .setAccessControlList(List.of(user("ghost@example.com", PermissionLevel.CAN_READ)))));
    assertEquals("Principal: UserName(ghost@example.com) does not exist", nobody.getMessage());
    assertThrows(InvalidParameterValue.class, () -> w.permissions().get("no-such-type", "1"));
  }

  @Test
  void jobsKeepExactlyOneOwnerDefaultingToTheCreator() {
    long jobId = w.jobs().create(new CreateJob().setName("owned")).getJobId();
    String id = Long.toString(jobId);
    ObjectPermissions p = w.permissions().get("jobs", id);
    assertEquals("/jobs/" + id, p.getObjectId());
    assertEquals("job", p.getObjectType());
    assertEquals(List.of("admin@example.com:IS_OWNER", "admins:CAN_MANAGE:inherited"), grants(p));

    ObjectPermissions kept = w.permissions().set(new SetObjectPermissions().setRequestObjectType("jobs").setRequestObjectId(id)
        .setAccessControlList(List.of(user("ann@example.com", PermissionLevel.CAN_MANAGE_RUN))));
    assertTrue(grants(kept).contains("admin@example.com:IS_OWNER"), "a PUT without owner keeps the owner");

    ObjectPermissions moved = w.permissions().set(new SetObjectPermissions().setRequestObjectType("jobs").setRequestObjectId(id)
        .setAccessControlList(List.of(user("bob@example.com", PermissionLevel.IS_OWNER))));
    assertEquals(List.of("bob@example.com:IS_OWNER", "admins:CAN_MANAGE:inherited"), grants(moved));

    DatabricksError two = assertThrows(InvalidParameterValue.class, () -> w.permissions().update(new UpdateObjectPermissions()
        .setRequestObjectType("jobs").setRequestObjectId(id)
        .setAccessControlList(List.of(user("ann@example.com", PermissionLevel.IS_OWNER)))));
    assertEquals("The job must have exactly one owner.", two.getMessage());
    assertThrows(InvalidParameterValue.class, () -> w.permissions().set(new SetObjectPermissions()
        .setRequestObjectType("jobs").setRequestObjectId(id)
        .setAccessControlList(List.of(group("analysts", PermissionLevel.IS_OWNER)))));
  }

  @Test
  void slashTypesTokensAndWarehouses() {
    ObjectPermissions tokens = w.permissions().get("authorization", "tokens");
    assertEquals("/authorization/tokens", tokens.getObjectId());
    assertEquals("tokens", tokens.getObjectType());
    w.permissions().update(new UpdateObjectPermissions().setRequestObjectType("authorization").setRequestObjectId("tokens")
        .setAccessControlList(List.of(group("users", PermissionLevel.CAN_USE))));
    assertEquals(List.of("admins:CAN_MANAGE", "users:CAN_USE"), grants(w.permissions().get("authorization", "tokens")),
        "token usage: admins hold a direct CAN_MANAGE, as the real ACL shows");
    assertThrows(ResourceDoesNotExist.class, () -> w.permissions().get("authorization", "keys"));
    assertEquals(List.of("CAN_USE"), w.permissions().getPermissionLevels("authorization", "passwords").getPermissionLevels()
        .stream().map(d -> d.getPermissionLevel().toString()).toList());

    ServicePrincipal sp = w.servicePrincipals().create(new ServicePrincipal().setDisplayName("bi"));
    ObjectPermissions wh = w.permissions().set(new SetObjectPermissions().setRequestObjectType("sql/warehouses")
        .setRequestObjectId("f562046bc1272886").setAccessControlList(List.of(
            new AccessControlRequest().setServicePrincipalName(sp.getApplicationId()).setPermissionLevel(PermissionLevel.CAN_USE))));
    assertEquals("/sql/warehouses/f562046bc1272886", wh.getObjectId());
    assertEquals("warehouses", wh.getObjectType());
    assertEquals(List.of(sp.getApplicationId() + ":CAN_USE", "admin@example.com:IS_OWNER", "admins:CAN_MANAGE:inherited"), grants(wh),
        "the owner is kept when a PUT names none");
    assertEquals(grants(wh), grants(w.permissions().get("warehouses", "f562046bc1272886")), "SDK alias of the same object");
  }

  @Test
  void tokenAndPasswordUsage() {
    ObjectPermissions passwords = w.permissions().set(new SetObjectPermissions().setRequestObjectType("authorization")
        .setRequestObjectId("passwords").setAccessControlList(List.of(group("analysts", PermissionLevel.CAN_USE))));
    assertEquals("/authorization/passwords", passwords.getObjectId());
    assertEquals("passwords", passwords.getObjectType());
    assertEquals(List.of("analysts:CAN_USE", "admins:CAN_MANAGE:inherited"), grants(passwords));
    assertThrows(InvalidParameterValue.class, () -> w.permissions().set(new SetObjectPermissions().setRequestObjectType("authorization")
        .setRequestObjectId("passwords").setAccessControlList(List.of(group("analysts", PermissionLevel.CAN_MANAGE)))));
    assertEquals(List.of("CAN_USE", "CAN_MANAGE"), w.permissions().getPermissionLevels("authorization", "tokens").getPermissionLevels()
        .stream().map(d -> d.getPermissionLevel().toString()).toList());
    ObjectPermissions tokens = w.permissions().set(new SetObjectPermissions().setRequestObjectType("authorization")
        .setRequestObjectId("tokens").setAccessControlList(List.of(group("admins", PermissionLevel.CAN_MANAGE),
            user("ann@example.com", PermissionLevel.CAN_USE))));
    assertEquals(List.of("admins:CAN_MANAGE", "ann@example.com:CAN_USE"), grants(tokens), "no inherited entry for token usage");
    w.permissions().set(new SetObjectPermissions().setRequestObjectType("authorization").setRequestObjectId("tokens")
        .setAccessControlList(List.of(group("admins", PermissionLevel.CAN_MANAGE)))); // as found, for the other tests
  }

  @Test
  void permissionLevelsPerType() {
    List<String> levels = w.permissions().getPermissionLevels("dbsql-dashboards", "any-dashboard").getPermissionLevels().stream()
        .map(PermissionsDescription::getPermissionLevel).map(Enum::name).toList();
    assertEquals(List.of("CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"), levels, "types nobody registered count as existing");
    assertThrows(ResourceDoesNotExist.class, () -> w.permissions().getPermissionLevels("pipelines", "any-pipeline"),
        "the pipelines family registered its existence check");
    assertEquals(List.of("CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"), w.permissions().getPermissionLevels("sql/queries", "q")
        .getPermissionLevels().stream().map(PermissionsDescription::getPermissionLevel).map(Enum::name).toList(),
        "the Terraform form of the query type");
    assertThrows(ResourceDoesNotExist.class, () -> w.permissions().getPermissionLevels("clusters", "0923-164208-meows279"),
        "the clusters family registered its existence check");
    List<String> nb = w.permissions().getPermissionLevels("notebooks", notebookId).getPermissionLevels().stream()
        .map(PermissionsDescription::getPermissionLevel).map(Enum::name).toList();
    assertEquals(List.of("CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"), nb);
    assertThrows(ResourceDoesNotExist.class, () -> w.permissions().getPermissionLevels("notebooks", "999999"));
  }

  @Test
  void seedAndDump() throws Exception {
    try (Emulator e = new Emulator()) {
      e.seed(Json.MAPPER.readTree("""
          {"permissions": [{"type": "pipelines", "id": "p1", "access_control_list": [
             {"group_name": "users", "permission_level": "CAN_VIEW"}]},
           {"type": "authorization", "id": "tokens", "access_control_list": [
             {"group_name": "users", "permission_level": "CAN_USE"}]}]}"""));
      String dump = e.dump().get("permissions").toString();
      assertTrue(dump.contains("{\"type\":\"pipelines\",\"id\":\"p1\",\"access_control_list\":[{\"group_name\":\"users\","
          + "\"permission_level\":\"CAN_VIEW\"},{\"user_name\":\"admin@example.com\",\"permission_level\":\"IS_OWNER\"}]}"), dump);
      assertTrue(dump.contains("{\"type\":\"authorization\",\"id\":\"tokens\""), dump);
    }
  }
}
