package io.dbsync.emulator.scim;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.error.platform.BadRequest;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.ResourceConflict;
import com.databricks.sdk.service.iam.ComplexValue;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.ListGroupsRequest;
import com.databricks.sdk.service.iam.ListServicePrincipalsRequest;
import com.databricks.sdk.service.iam.ListSortOrder;
import com.databricks.sdk.service.iam.ListUsersRequest;
import com.databricks.sdk.service.iam.Name;
import com.databricks.sdk.service.iam.PartialUpdate;
import com.databricks.sdk.service.iam.Patch;
import com.databricks.sdk.service.iam.PatchOp;
import com.databricks.sdk.service.iam.PatchSchema;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.iam.User;
import com.databricks.sdk.service.workspace.ObjectType;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Workspace SCIM 2.0 through the official Java SDK (and raw HTTP for the wire shapes). */
class ScimApiTest {
  static Emulator emu;
  static WorkspaceClient w;

  @BeforeAll
  static void start() throws Exception {
    emu = new Emulator().start();
    w = new WorkspaceClient(new DatabricksConfig().setHost(emu.url()).setToken(emu.token()).setAuthType("pat"));
  }

  @AfterAll
  static void stop() {
    emu.close();
  }

  static <T> List<T> all(Iterable<T> it) {
    return StreamSupport.stream(it.spliterator(), false).toList();
  }

  static PartialUpdate patch(String id, Patch... ops) {
    return new PartialUpdate().setId(id).setSchemas(List.of(PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP))
        .setOperations(List.of(ops));
  }

  static User newUser(String name) {
    return w.users().create(new User().setUserName(name).setDisplayName(name.substring(0, name.indexOf('@'))));
  }

  static List<String> values(Collection<ComplexValue> c) {
    return c == null ? List.of() : c.stream().map(ComplexValue::getValue).toList();
  }

  @Test
  void builtInsAndMe() {
    User me = w.currentUser().me(new com.databricks.sdk.service.iam.MeRequest());
    assertEquals("admin@example.com", me.getUserName());
    List<Group> admins = all(w.groups().list(new ListGroupsRequest().setFilter("displayName eq \"admins\"")));
    assertEquals(1, admins.size());
    assertEquals(List.of(me.getId()), values(admins.get(0).getMembers()));
    assertTrue(me.getGroups().stream().anyMatch(g -> g.getDisplay().equals("admins") && g.getType().equals("direct")));
    assertEquals(1, all(w.groups().list(new ListGroupsRequest().setFilter("displayName eq users"))).size());
  }

  @Test
  void userCreateGetUpdateDeleteWithHomeFolder() {
    User u = newUser("Jane.Doe@Example.com");
    assertNotNull(u.getId());
    assertEquals("jane.doe@example.com", u.getUserName(), "user names are lower-cased");
    assertTrue(u.getActive());
    assertEquals(List.of("jane.doe@example.com"), values(u.getEmails()));
    assertEquals(ObjectType.DIRECTORY, w.workspace().getStatus("/Users/jane.doe@example.com").getObjectType());

    DatabricksError dup = assertThrows(ResourceConflict.class, () -> newUser("jane.doe@example.com"));
    assertEquals(409, dup.getStatusCode());
    assertEquals("SCIM_409", dup.getErrorCode());
    assertTrue(dup.getMessage().contains("User with username jane.doe@example.com already exists."), dup.getMessage());

    w.users().update(new User().setId(u.getId()).setUserName("ignored@example.com").setDisplayName("Jane D")
        .setName(new Name().setGivenName("Jane").setFamilyName("Doe"))
        .setEntitlements(List.of(new ComplexValue().setValue("allow-cluster-create"))));
    User got = w.users().get(u.getId());
    assertEquals("jane.doe@example.com", got.getUserName(), "userName cannot change");
    assertEquals("Jane D", got.getDisplayName());
    assertEquals("Doe", got.getName().getFamilyName());
    assertEquals(List.of("allow-cluster-create"), values(got.getEntitlements()));

    w.users().delete(u.getId());
    DatabricksError gone = assertThrows(NotFound.class, () -> w.users().get(u.getId()));
    assertEquals(404, gone.getStatusCode());
    assertEquals("SCIM_404", gone.getErrorCode());
  }

  @Test
  void userPatchEntitlementsRolesActive() {
    User u = newUser("patch@example.com");
    w.users().patch(patch(u.getId(),
        new Patch().setOp(PatchOp.ADD).setPath("entitlements").setValue(List.of(
            Map.of("value", "allow-cluster-create"), Map.of("value", "databricks-sql-access"))),
        new Patch().setOp(PatchOp.ADD).setPath("roles").setValue(List.of(Map.of("value", "arn:aws:iam::1:instance-profile/x"))),
        new Patch().setOp(PatchOp.REPLACE).setPath("active").setValue(false)));
    User got = w.users().get(u.getId());
    assertEquals(List.of("allow-cluster-create", "databricks-sql-access"), values(got.getEntitlements()));
    assertEquals(List.of("arn:aws:iam::1:instance-profile/x"), values(got.getRoles()));
    assertFalse(got.getActive());

    w.users().patch(patch(u.getId(),
        new Patch().setOp(PatchOp.REMOVE).setPath("entitlements[value eq \"allow-cluster-create\"]"),
        new Patch().setOp(PatchOp.REPLACE).setValue(Map.of("displayName", "Patched", "active", true))));
    got = w.users().get(u.getId());
    assertEquals(List.of("databricks-sql-access"), values(got.getEntitlements()));
    assertEquals("Patched", got.getDisplayName());
    assertTrue(got.getActive());

    DatabricksError bad = assertThrows(BadRequest.class, () -> w.users().patch(patch(u.getId(),
        new Patch().setOp(PatchOp.ADD).setPath("members").setValue(List.of(Map.of("value", "1"))))));
    assertTrue(bad.getMessage().contains("No such attribute with the name : members in the current resource"), bad.getMessage());
  }

  @Test
  void groupMembershipThroughPatchAndPutIsReflectedOnMembers() {
    User a = newUser("a@example.com");
    User b = newUser("b@example.com");
    ServicePrincipal sp = w.servicePrincipals().create(new ServicePrincipal().setDisplayName("robot"));
    Group g = w.groups().create(new Group().setDisplayName("data-eng").setMembers(List.of(new ComplexValue().setValue(a.getId()))));
    assertEquals(List.of(a.getId()), values(w.groups().get(g.getId()).getMembers()));
    DatabricksError dup = assertThrows(ResourceConflict.class, () -> w.groups().create(new Group().setDisplayName("data-eng")));
    assertTrue(dup.getMessage().contains("Group with name data-eng already exists."));

    w.groups().patch(patch(g.getId(), new Patch().setOp(PatchOp.ADD).setPath("members")
        .setValue(List.of(Map.of("value", b.getId()), Map.of("value", sp.getId())))));
    Group got = w.groups().get(g.getId());
    assertEquals(List.of(a.getId(), b.getId(), sp.getId()), values(got.getMembers()));
    assertEquals("ServicePrincipals/" + sp.getId(), got.getMembers().stream().toList().get(2).getRef());
    assertEquals(List.of(g.getId()), values(w.users().get(b.getId()).getGroups()));
    assertEquals(List.of(g.getId()), values(w.servicePrincipals().get(sp.getId()).getGroups()));

    w.groups().patch(patch(g.getId(), new Patch().setOp(PatchOp.REMOVE).setPath("members[value eq \"" + a.getId() + "\"]")));
    assertEquals(List.of(b.getId(), sp.getId()), values(w.groups().get(g.getId()).getMembers()));
    assertNull(w.users().get(a.getId()).getGroups());

    // nested group membership via the member's "groups" attribute
    Group parent = w.groups().create(new Group().setDisplayName("all-eng"));
    w.groups().patch(patch(g.getId(), new Patch().setOp(PatchOp.ADD).setPath("groups").setValue(List.of(Map.of("value", parent.getId())))));
    assertEquals(List.of(g.getId()), values(w.groups().get(parent.getId()).getMembers()));

    w.groups().update(new Group().setId(g.getId()).setDisplayName("data-engineering")
        .setMembers(List.of(new ComplexValue().setValue(a.getId())))
        .setEntitlements(List.of(new ComplexValue().setValue("workspace-access"))));
    Group put = w.groups().get(g.getId());
    assertEquals("data-engineering", put.getDisplayName());
    assertEquals(List.of(a.getId()), values(put.getMembers()));
    assertEquals(List.of("workspace-access"), values(put.getEntitlements()));

    w.users().delete(a.getId());
    assertNull(w.groups().get(g.getId()).getMembers(), "deleting a user removes its memberships");
    assertThrows(NotFound.class, () -> w.groups().patch(patch(g.getId(),
        new Patch().setOp(PatchOp.ADD).setPath("members").setValue(List.of(Map.of("value", "999"))))));
    assertThrows(BadRequest.class, () -> w.groups().delete(all(w.groups().list(
        new ListGroupsRequest().setFilter("displayName eq admins"))).get(0).getId()));
    w.groups().delete(g.getId());
    assertThrows(NotFound.class, () -> w.groups().get(g.getId()));
  }

  /**
   * One add op carries many members (the import adds a group's members in one PATCH); an unknown one
   * fails the request as a whole (RFC 7644 §3.5.2: atomic), and the group keeps what it had.
   */
  @Test
  void oneAddOpOfManyMembersIsAtomic() {
    Group g = w.groups().create(new Group().setDisplayName("many-members"));
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 30; i++) {
      ids.add(newUser("many" + i + "@example.com").getId());
    }
    w.groups().patch(patch(g.getId(), new Patch().setOp(PatchOp.ADD).setPath("members")
        .setValue(ids.subList(0, 20).stream().map(id -> Map.of("value", id)).toList())));
    assertEquals(ids.subList(0, 20), values(w.groups().get(g.getId()).getMembers()));

    List<Map<String, String>> withUnknown = new java.util.ArrayList<>(ids.subList(20, 30).stream().map(id -> Map.of("value", id)).toList());
    withUnknown.add(5, Map.of("value", "424242"));
    DatabricksError bad = assertThrows(NotFound.class, () -> w.groups().patch(patch(g.getId(),
        new Patch().setOp(PatchOp.ADD).setPath("members").setValue(withUnknown))));
    assertTrue(bad.getMessage().contains("424242"), bad.getMessage());
    assertEquals(ids.subList(0, 20), values(w.groups().get(g.getId()).getMembers()), "nothing of the failed request landed");
    assertNull(w.users().get(ids.get(25)).getGroups());

    w.groups().patch(patch(g.getId(), new Patch().setOp(PatchOp.ADD).setPath("members")
        .setValue(ids.subList(10, 30).stream().map(id -> Map.of("value", id)).toList())));
    assertEquals(ids, values(w.groups().get(g.getId()).getMembers()), "values already there are no change");
  }

  @Test
  void servicePrincipalsHaveApplicationIdsAndHomes() {
    ServicePrincipal sp = w.servicePrincipals().create(new ServicePrincipal().setDisplayName("etl"));
    assertTrue(sp.getApplicationId().matches("[0-9a-f-]{36}"), sp.getApplicationId());
    assertEquals(ObjectType.DIRECTORY, w.workspace().getStatus("/Users/" + sp.getApplicationId()).getObjectType());
    DatabricksError dup = assertThrows(ResourceConflict.class, () -> w.servicePrincipals().create(
        new ServicePrincipal().setApplicationId(sp.getApplicationId())));
    assertEquals(409, dup.getStatusCode());
    List<ServicePrincipal> found = all(w.servicePrincipals().list(new ListServicePrincipalsRequest()
        .setFilter("applicationId eq \"" + sp.getApplicationId() + "\"")));
    assertEquals(List.of("etl"), found.stream().map(ServicePrincipal::getDisplayName).toList());
    w.servicePrincipals().patch(patch(sp.getId(), new Patch().setOp(PatchOp.REPLACE).setPath("displayName").setValue("etl-2")));
    assertEquals("etl-2", w.servicePrincipals().get(sp.getId()).getDisplayName());
    w.servicePrincipals().delete(sp.getId());
    assertThrows(NotFound.class, () -> w.servicePrincipals().get(sp.getId()));
  }

  @Test
  void listPagesFiltersSortsAndProjects() throws Exception {
    for (int i = 0; i < 5; i++) {
      newUser("pager" + i + "@corp.example.com");
    }
    emu.requests().reset();
    List<User> paged = all(w.users().list(new ListUsersRequest().setFilter("userName sw \"pager\"").setCount(2L)));
    assertEquals(List.of("pager0@corp.example.com", "pager1@corp.example.com", "pager2@corp.example.com",
        "pager3@corp.example.com", "pager4@corp.example.com"), paged.stream().map(User::getUserName).toList());
    assertEquals(4, emu.requests().route("GET /api/2.0/preview/scim/v2/Users"), "3 full pages + the empty one");

    List<User> sorted = all(w.users().list(new ListUsersRequest().setFilter("userName co \"corp.example\" and not (userName eq \"pager0@corp.example.com\")")
        .setSortBy("userName").setSortOrder(ListSortOrder.DESCENDING)));
    assertEquals("pager4@corp.example.com", sorted.get(0).getUserName());
    assertEquals(4, sorted.size());
    List<User> either = all(w.users().list(new ListUsersRequest()
        .setFilter("userName eq \"pager1@corp.example.com\" or displayName eq \"pager2\"")));
    assertEquals(2, either.size());
    assertTrue(all(w.users().list(new ListUsersRequest().setFilter("userName ne \"admin@example.com\""))).stream()
        .noneMatch(u -> u.getUserName().equals("admin@example.com")));

    JsonNode page = get("/api/2.0/preview/scim/v2/Users?startIndex=2&count=2&attributes=userName&filter="
        + URLEncoder.encode("userName sw pager", StandardCharsets.UTF_8));
    assertEquals(5, page.get("totalResults").asInt());
    assertEquals(2, page.get("startIndex").asInt());
    assertEquals(2, page.get("itemsPerPage").asInt());
    assertEquals("urn:ietf:params:scim:api:messages:2.0:ListResponse", page.get("schemas").get(0).asText());
    JsonNode first = page.get("Resources").get(0);
    assertEquals("pager1@corp.example.com", first.get("userName").asText());
    assertFalse(first.has("emails"), "attributes= keeps only the asked attributes (plus id, schemas)");
    assertTrue(first.has("id"));
    JsonNode past = get("/api/2.0/preview/scim/v2/Users?startIndex=100");
    assertFalse(past.has("Resources"), "Resources omitted on an empty page");
    JsonNode me = get("/api/2.0/preview/scim/v2/Me?excludedAttributes=emails");
    assertFalse(me.has("emails"));

    HttpResponse<String> bad = raw("/api/2.0/preview/scim/v2/Users?filter=" + URLEncoder.encode("userName zz x", StandardCharsets.UTF_8));
    assertEquals(400, bad.statusCode());
    JsonNode err = Json.parse(bad.body());
    assertEquals("invalidFilter", err.get("scimType").asText());
    assertEquals("400", err.get("status").asText());
    assertEquals("urn:ietf:params:scim:api:messages:2.0:Error", err.get("schemas").get(0).asText());
  }

  @Test
  void seedAndDump() throws Exception {
    try (Emulator e = new Emulator()) {
      e.seed(Json.MAPPER.readTree("""
          {"scim": {"users": [{"userName": "seed@example.com", "displayName": "Seed"}],
                    "service_principals": [{"applicationId": "00000000-0000-0000-0000-000000000001", "displayName": "sp"}],
                    "groups": [{"displayName": "team", "members": [{"user_name": "seed@example.com"},
                                                                  {"application_id": "00000000-0000-0000-0000-000000000001"}]}]}}"""));
      JsonNode dump = e.dump().get("scim");
      JsonNode team = null;
      for (JsonNode g : dump.get("groups")) {
        if (g.get("displayName").asText().equals("team")) {
          team = g;
        }
      }
      assertNotNull(team);
      assertEquals(2, team.get("members").size());
      assertEquals(3, dump.get("users").size() + dump.get("service_principals").size(), "admin, seed and sp");
      assertTrue(e.workspace().family(io.dbsync.emulator.workspace.WorkspaceFamily.class).exists("/Users/seed@example.com"));

      // a dump seeds an equal state into a fresh emulator (built-ins are not duplicated)
      try (Emulator copy = new Emulator()) {
        JsonNode doc = Json.object().set("scim", dump);
        copy.seed(doc);
        assertEquals(dump, copy.dump().get("scim"));
      }
    }
  }

  static HttpResponse<String> raw(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(emu.url() + path))
        .header("Authorization", "Bearer " + emu.token()).build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode get(String path) throws Exception {
    HttpResponse<String> r = raw(path);
    assertEquals(200, r.statusCode(), r.body());
    return Json.parse(r.body());
  }
}
