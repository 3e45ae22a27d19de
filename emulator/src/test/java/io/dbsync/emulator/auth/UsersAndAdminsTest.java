package io.dbsync.emulator.auth;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.error.platform.BadRequest;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.core.error.platform.Unauthenticated;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.settings.CreateTokenRequest;
import com.databricks.sdk.service.settings.CreateTokenResponse;
import com.databricks.sdk.service.settings.PublicTokenInfo;
import com.databricks.sdk.service.workspace.AclPermission;
import com.databricks.sdk.service.workspace.CreateScope;
import com.databricks.sdk.service.workspace.DeleteAcl;
import com.databricks.sdk.service.workspace.PutAcl;
import com.databricks.sdk.service.workspace.PutSecret;
import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.EmulatorOptions;
import io.dbsync.emulator.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-principal tokens (seeded and token/create) and what being a workspace admin changes:
 * secrets/get returns values to admins only, and scope ACLs govern everyone else.
 */
class UsersAndAdminsTest {
  private Emulator emu;
  private WorkspaceClient admin;

  @BeforeEach
  void start() throws Exception {
    EmulatorOptions options = new EmulatorOptions();
    options.token = "admin-token";
    emu = new Emulator(options).start();
    emu.seed(Json.parse("""
        {"scim": {"users": [{"userName": "alice@example.com"}, {"userName": "bob@example.com"}],
                  "groups": [{"displayName": "admins", "members": [{"user_name": "bob@example.com"}]},
                             {"displayName": "analysts", "members": [{"user_name": "alice@example.com"}]}]},
         "tokens": [{"token_value": "alice-token", "user_name": "alice@example.com", "comment": "seeded"},
                    {"token_value": "bob-token", "user_name": "bob@example.com"}]}
        """));
    admin = client("admin-token");
    admin.secrets().createScope(new CreateScope().setScope("prod"));
    admin.secrets().putSecret(new PutSecret().setScope("prod").setKey("db-password").setStringValue("s3cr3t"));
  }

  @AfterEach
  void stop() {
    emu.close();
  }

  private WorkspaceClient client(String token) {
    return new WorkspaceClient(new DatabricksConfig().setHost(emu.url()).setToken(token).setAuthType("pat"));
  }

  private static String me(WorkspaceClient w) {
    return w.currentUser().me(new MeRequest()).getUserName();
  }

  @Test
  void eachTokenActsAsItsPrincipal() {
    assertEquals("admin@example.com", me(admin));
    assertEquals("alice@example.com", me(client("alice-token")));
    assertEquals("bob@example.com", me(client("bob-token")));
    assertThrows(Unauthenticated.class, () -> me(client("nobody-token")));
  }

  @Test
  void tokenApiCreatesListsAndRevokesTheCallersTokens() {
    WorkspaceClient alice = client("alice-token");
    CreateTokenResponse created = alice.tokens().create(new CreateTokenRequest().setComment("ci").setLifetimeSeconds(3600L));
    assertTrue(created.getTokenValue().matches("dapi[0-9a-f]{32}"), created.getTokenValue());
    assertEquals("alice@example.com", me(client(created.getTokenValue())));

    List<PublicTokenInfo> mine = StreamSupport.stream(alice.tokens().list().spliterator(), false).toList();
    assertEquals(List.of("seeded", "ci"), mine.stream().map(PublicTokenInfo::getComment).toList());
    assertEquals(-1L, mine.get(0).getExpiryTime());
    assertEquals(mine.get(1).getCreationTime() + 3_600_000L, mine.get(1).getExpiryTime());
    assertTrue(StreamSupport.stream(admin.tokens().list().spliterator(), false).toList().isEmpty(),
        "the admin sees only its own tokens");

    assertThrows(ResourceDoesNotExist.class, () -> admin.tokens().delete(created.getTokenInfo().getTokenId()));
    alice.tokens().delete(created.getTokenInfo().getTokenId());
    assertThrows(Unauthenticated.class, () -> me(client(created.getTokenValue())));
  }

  @Test
  void secretValuesGoToAdminsOnly() {
    String expected = Base64.getEncoder().encodeToString("s3cr3t".getBytes(StandardCharsets.UTF_8));
    assertEquals(expected, admin.secrets().getSecret("prod", "db-password").getValue());
    assertEquals(expected, client("bob-token").secrets().getSecret("prod", "db-password").getValue(),
        "a member of admins is a workspace admin");

    WorkspaceClient alice = client("alice-token");
    PermissionDenied denied = assertThrows(PermissionDenied.class, () -> alice.secrets().getSecret("prod", "db-password"));
    assertEquals("PERMISSION_DENIED", denied.getErrorCode());
    assertEquals(403, denied.getStatusCode());

    // READ through a group: allowed to read, but never through the REST API outside a notebook
    admin.secrets().putAcl(new PutAcl().setScope("prod").setPrincipal("analysts").setPermission(AclPermission.READ));
    BadRequest outside = assertThrows(BadRequest.class, () -> alice.secrets().getSecret("prod", "db-password"));
    assertEquals("BAD_REQUEST", outside.getErrorCode());
    assertEquals(1, StreamSupport.stream(alice.secrets().listSecrets("prod").spliterator(), false).count());
  }

  @Test
  void scopeAclsGovernNonAdmins() {
    WorkspaceClient alice = client("alice-token");
    PutSecret put = new PutSecret().setScope("prod").setKey("k").setStringValue("v");
    assertThrows(PermissionDenied.class, () -> alice.secrets().putSecret(put));
    assertThrows(PermissionDenied.class, () -> alice.secrets().listSecrets("prod").iterator().next());

    admin.secrets().putAcl(new PutAcl().setScope("prod").setPrincipal("alice@example.com").setPermission(AclPermission.WRITE));
    alice.secrets().putSecret(put);
    assertThrows(PermissionDenied.class, () -> alice.secrets().putAcl(
        new PutAcl().setScope("prod").setPrincipal("alice@example.com").setPermission(AclPermission.MANAGE)));
    admin.secrets().deleteAcl(new DeleteAcl().setScope("prod").setPrincipal("alice@example.com"));
    assertThrows(PermissionDenied.class, () -> alice.secrets().putSecret(put));

    alice.secrets().createScope(new CreateScope().setScope("alices"));
    assertEquals("alice@example.com", alice.secrets().listAcls("alices").iterator().next().getPrincipal(),
        "the creator gets MANAGE on a new scope");
  }

  @Test
  void deletingAUserRevokesItsTokens() {
    String aliceId = client("alice-token").currentUser().me(new MeRequest()).getId();
    admin.users().delete(aliceId);
    assertThrows(Unauthenticated.class, () -> me(client("alice-token")));
  }
}
