package io.dbsync.emulator.repos;

import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.iam.AccessControlRequest;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.ObjectPermissions;
import com.databricks.sdk.service.iam.PermissionLevel;
import com.databricks.sdk.service.iam.SetObjectPermissions;
import com.databricks.sdk.service.workspace.CreateRepoRequest;
import com.databricks.sdk.service.workspace.CreateRepoResponse;
import com.databricks.sdk.service.workspace.Delete;
import com.databricks.sdk.service.workspace.GetRepoResponse;
import com.databricks.sdk.service.workspace.ListReposRequest;
import com.databricks.sdk.service.workspace.ObjectInfo;
import com.databricks.sdk.service.workspace.ObjectType;
import com.databricks.sdk.service.workspace.RepoInfo;
import com.databricks.sdk.service.workspace.SparseCheckout;
import com.databricks.sdk.service.workspace.SparseCheckoutUpdate;
import com.databricks.sdk.service.workspace.UpdateRepoRequest;
import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.compute.EmulatorSdkTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReposApiTest extends EmulatorSdkTest {

  private List<RepoInfo> list(String prefix) {
    return StreamSupport.stream(w.repos().list(new ListReposRequest().setPathPrefix(prefix)).spliterator(), false).toList();
  }

  @Test
  void createGetUpdateDeleteAndWorkspaceObject() {
    CreateRepoResponse created = w.repos().create(new CreateRepoRequest().setUrl("https://github.com/acme/etl.git")
        .setProvider("GITHUB").setPath("/Workspace/Repos/team/etl"));
    assertEquals("gitHub", created.getProvider(), "provider is case-insensitive and canonicalised");
    assertEquals("/Repos/team/etl", created.getPath());
    assertEquals("main", created.getBranch());
    assertEquals(40, created.getHeadCommitId().length());

    GetRepoResponse got = w.repos().get(created.getId());
    assertEquals("https://github.com/acme/etl.git", got.getUrl());
    ObjectInfo info = w.workspace().getStatus("/Repos/team/etl");
    assertEquals(ObjectType.REPO, info.getObjectType());
    assertEquals(created.getId(), info.getObjectId());
    assertTrue(StreamSupport.stream(w.workspace().list("/Repos/team").spliterator(), false)
        .anyMatch(o -> o.getPath().equals("/Repos/team/etl") && o.getObjectType() == ObjectType.REPO));

    w.repos().update(new UpdateRepoRequest().setRepoId(created.getId()).setBranch("dev"));
    GetRepoResponse onDev = w.repos().get(created.getId());
    assertEquals("dev", onDev.getBranch());
    assertNotEquals(created.getHeadCommitId(), onDev.getHeadCommitId());
    w.repos().update(new UpdateRepoRequest().setRepoId(created.getId()).setTag("v1.0"));
    GetRepoResponse onTag = w.repos().get(created.getId());
    assertNull(onTag.getBranch(), "a tag checkout is a detached HEAD");
    assertTrue(emu.dump().get("repos").toString().contains("\"id\":" + created.getId() + ",\"path\":\"/Repos/team/etl\""));
    assertTrue(emu.dump().get("repos").toString().contains("\"tag\":\"v1.0\""), "the dump keeps the tag");

    w.repos().delete(created.getId());
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.repos().get(created.getId()));
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.workspace().getStatus("/Repos/team/etl"));
  }

  @Test
  void defaultPathSparseCheckoutAndFoldersOutsideRepos() {
    CreateRepoResponse r = w.repos().create(new CreateRepoRequest().setUrl("https://gitlab.com/acme/ml-lib")
        .setProvider("gitLab").setSparseCheckout(new SparseCheckout().setPatterns(List.of("src"))));
    assertEquals("/Repos/" + emu.workspace().adminUser() + "/ml-lib", r.getPath());
    w.repos().update(new UpdateRepoRequest().setRepoId(r.getId())
        .setSparseCheckout(new SparseCheckoutUpdate().setPatterns(List.of("src", "conf"))));
    assertEquals(List.of("src", "conf"), List.copyOf(w.repos().get(r.getId()).getSparseCheckout().getPatterns()));

    String home = "/Users/" + emu.workspace().adminUser() + "/proj";
    w.workspace().mkdirs(home);
    CreateRepoResponse outside = w.repos().create(new CreateRepoRequest().setUrl("https://github.com/acme/tools")
        .setProvider("gitHub").setPath(home + "/tools"));
    assertTrue(list("/").stream().noneMatch(x -> x.getId().equals(outside.getId())), "default listing is /Repos only");
    assertEquals(List.of(outside.getId()), list(home).stream().map(RepoInfo::getId).toList());
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.repos().update(
        new UpdateRepoRequest().setRepoId(outside.getId()).setSparseCheckout(new SparseCheckoutUpdate().setPatterns(List.of("x")))));

    w.workspace().delete(new Delete().setPath(home).setRecursive(true));
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.repos().get(outside.getId()));
    assertEquals(r.getId(), w.repos().get(r.getId()).getId(), "repos elsewhere are untouched");
  }

  @Test
  void listPaginatesWithNextPageToken() throws Exception {
    try (Emulator fresh = new Emulator().start()) {
      var client = new com.databricks.sdk.WorkspaceClient(new com.databricks.sdk.core.DatabricksConfig()
          .setHost(fresh.url()).setToken(fresh.token()).setAuthType("pat"));
      for (int i = 0; i < ReposFamily.PAGE_SIZE + 5; i++) {
        client.repos().create(new CreateRepoRequest().setUrl("https://github.com/acme/r" + i).setProvider("gitHub")
            .setPath(String.format("/Repos/many/r%02d", i)));
      }
      List<String> paths = StreamSupport.stream(client.repos().list(new ListReposRequest()).spliterator(), false)
          .map(RepoInfo::getPath).toList();
      assertEquals(ReposFamily.PAGE_SIZE + 5, paths.size());
      assertEquals("/Repos/many/r00", paths.get(0));
      assertEquals("/Repos/many/r24", paths.get(paths.size() - 1));
      var first = Json.parse(new String(java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(fresh.url() + "/api/2.0/repos")).header("Authorization", "Bearer t").build(),
          java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body()));
      assertEquals(ReposFamily.PAGE_SIZE, first.get("repos").size());
      assertTrue(first.hasNonNull("next_page_token"));
    }
  }

  @Test
  void errors() {
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.repos().get(424242L));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> w.repos().create(new CreateRepoRequest().setUrl("https://github.com/a/b").setProvider("sourceForge")));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> w.repos().create(new CreateRepoRequest().setProvider("gitHub")));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> w.repos().create(new CreateRepoRequest().setUrl("https://github.com/a/b").setProvider("gitHub").setPath("/Repos/b")));
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST",
        () -> w.repos().create(new CreateRepoRequest().setUrl("https://github.com/a/b").setProvider("gitHub").setPath("/Nope/x/b")));
    w.repos().create(new CreateRepoRequest().setUrl("https://github.com/a/b").setProvider("gitHub").setPath("/Repos/x/b"));
    assertApiError(ResourceAlreadyExists.class, "RESOURCE_ALREADY_EXISTS",
        () -> w.repos().create(new CreateRepoRequest().setUrl("https://github.com/a/c").setProvider("gitHub").setPath("/Repos/x/b")));
  }

  @Test
  void permissionsRoundTripAndSeed() throws Exception {
    w.groups().create(new Group().setDisplayName("devs"));
    CreateRepoResponse r = w.repos().create(new CreateRepoRequest().setUrl("https://github.com/acme/perm").setProvider("gitHub")
        .setPath("/Repos/perm/perm"));
    ObjectPermissions p = w.permissions().set(new SetObjectPermissions().setRequestObjectType("repos")
        .setRequestObjectId(r.getId().toString()).setAccessControlList(List.of(
            new AccessControlRequest().setGroupName("devs").setPermissionLevel(PermissionLevel.CAN_EDIT))));
    assertEquals("/repos/" + r.getId(), p.getObjectId());
    assertEquals("repo", p.getObjectType());
    var devs = w.repos().getPermissions(r.getId().toString()).getAccessControlList().stream()
        .filter(a -> "devs".equals(a.getGroupName())).findFirst().orElseThrow();
    assertEquals("CAN_EDIT", devs.getAllPermissions().iterator().next().getPermissionLevel().toString());
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.permissions().set(new SetObjectPermissions()
        .setRequestObjectType("repos").setRequestObjectId(r.getId().toString()).setAccessControlList(List.of(
            new AccessControlRequest().setGroupName("devs").setPermissionLevel(PermissionLevel.CAN_USE)))));
    w.repos().delete(r.getId());
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.permissions().get("repos", r.getId().toString()));

    try (Emulator seeded = new Emulator()) {
      seeded.seed(Json.parse("""
          {"repos": [{"id": 77, "url": "https://github.com/acme/s", "provider": "gitHub", "path": "/Repos/s/s", "tag": "v2"}]}"""));
      var dump = seeded.dump();
      assertEquals("v2", dump.get("repos").get(0).get("tag").asText());
      assertFalse(dump.get("repos").get(0).has("branch"));
      assertTrue(dump.get("workspace").toString().contains("\"path\":\"/Repos/s/s\",\"object_type\":\"REPO\",\"object_id\":77"));
    }
  }
}
