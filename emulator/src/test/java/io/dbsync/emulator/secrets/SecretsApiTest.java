package io.dbsync.emulator.secrets;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.error.platform.BadRequest;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.workspace.AclItem;
import com.databricks.sdk.service.workspace.AclPermission;
import com.databricks.sdk.service.workspace.AzureKeyVaultSecretScopeMetadata;
import com.databricks.sdk.service.workspace.CreateScope;
import com.databricks.sdk.service.workspace.DeleteAcl;
import com.databricks.sdk.service.workspace.DeleteSecret;
import com.databricks.sdk.service.workspace.PutAcl;
import com.databricks.sdk.service.workspace.PutSecret;
import com.databricks.sdk.service.workspace.ScopeBackendType;
import com.databricks.sdk.service.workspace.SecretMetadata;
import com.databricks.sdk.service.workspace.SecretScope;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Secrets 2.0 through the official Java SDK. */
class SecretsApiTest {
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

  @Test
  void scopeLifecycleAndExactErrors() {
    w.secrets().createScope(new CreateScope().setScope("life"));
    SecretScope scope = all(w.secrets().listScopes()).stream().filter(s -> s.getName().equals("life")).findFirst().orElseThrow();
    assertEquals(ScopeBackendType.DATABRICKS, scope.getBackendType());

    DatabricksError dup = assertThrows(ResourceAlreadyExists.class, () -> w.secrets().createScope(new CreateScope().setScope("life")));
    assertEquals("RESOURCE_ALREADY_EXISTS", dup.getErrorCode());
    assertEquals("Scope life already exists!", dup.getMessage());
    assertThrows(InvalidParameterValue.class, () -> w.secrets().createScope(new CreateScope().setScope("bad name!")));
    assertThrows(InvalidParameterValue.class, () -> w.secrets().createScope(new CreateScope().setScope("x").setInitialManagePrincipal("admins")));

    w.secrets().deleteScope("life");
    DatabricksError gone = assertThrows(ResourceDoesNotExist.class, () -> w.secrets().deleteScope("life"));
    assertEquals("Scope life does not exist!", gone.getMessage());
    assertEquals(404, gone.getStatusCode());
  }

  @Test
  void creatorGetsManageOrUsersWithInitialManagePrincipal() {
    w.secrets().createScope(new CreateScope().setScope("mine"));
    assertEquals(List.of("admin@example.com:MANAGE"), acls("mine"));
    w.secrets().createScope(new CreateScope().setScope("shared").setInitialManagePrincipal("users"));
    assertEquals(List.of("users:MANAGE"), acls("shared"));
  }

  @Test
  void secretsAreListedWithoutValuesAndReadableThroughGet() {
    w.secrets().createScope(new CreateScope().setScope("vals"));
    assertEquals(0, all(w.secrets().listSecrets("vals")).size());
    w.secrets().putSecret(new PutSecret().setScope("vals").setKey("db.password").setStringValue("s3cr3t"));
    byte[] raw = {0, (byte) 0xff, 42};
    w.secrets().putSecret(new PutSecret().setScope("vals").setKey("blob").setBytesValue(Base64.getEncoder().encodeToString(raw)));
    List<SecretMetadata> secrets = all(w.secrets().listSecrets("vals"));
    assertEquals(List.of("blob", "db.password"), secrets.stream().map(SecretMetadata::getKey).toList());
    assertTrue(secrets.get(0).getLastUpdatedTimestamp() > 1_600_000_000_000L);
    assertEquals("s3cr3t", new String(Base64.getDecoder().decode(w.secrets().getSecret("vals", "db.password").getValue()),
        StandardCharsets.UTF_8));
    assertEquals(Base64.getEncoder().encodeToString(raw), w.secrets().getSecret("vals", "blob").getValue());

    w.secrets().putSecret(new PutSecret().setScope("vals").setKey("db.password").setStringValue("rotated"));
    assertEquals("rotated", new String(Base64.getDecoder().decode(w.secrets().getSecret("vals", "db.password").getValue()),
        StandardCharsets.UTF_8));
    assertThrows(InvalidParameterValue.class, () -> w.secrets().putSecret(
        new PutSecret().setScope("vals").setKey("both").setStringValue("a").setBytesValue("Yg==")));
    assertThrows(ResourceDoesNotExist.class, () -> w.secrets().putSecret(
        new PutSecret().setScope("nope").setKey("k").setStringValue("v")));

    w.secrets().deleteSecret(new DeleteSecret().setScope("vals").setKey("blob"));
    assertThrows(ResourceDoesNotExist.class, () -> w.secrets().deleteSecret(new DeleteSecret().setScope("vals").setKey("blob")));
    assertThrows(ResourceDoesNotExist.class, () -> w.secrets().getSecret("vals", "blob"));
  }

  @Test
  void aclPutGetListDelete() {
    w.secrets().createScope(new CreateScope().setScope("acl"));
    w.secrets().putAcl(new PutAcl().setScope("acl").setPrincipal("data-team").setPermission(AclPermission.READ));
    w.secrets().putAcl(new PutAcl().setScope("acl").setPrincipal("data-team").setPermission(AclPermission.WRITE));
    AclItem item = w.secrets().getAcl("acl", "data-team");
    assertEquals(AclPermission.WRITE, item.getPermission());
    assertEquals(List.of("admin@example.com:MANAGE", "data-team:WRITE"), acls("acl"));
    w.secrets().deleteAcl(new DeleteAcl().setScope("acl").setPrincipal("data-team"));
    assertThrows(ResourceDoesNotExist.class, () -> w.secrets().getAcl("acl", "data-team"));
    assertThrows(ResourceDoesNotExist.class, () -> w.secrets().deleteAcl(new DeleteAcl().setScope("acl").setPrincipal("data-team")));
    assertThrows(ResourceDoesNotExist.class, () -> all(w.secrets().listAcls("missing-scope")));
  }

  @Test
  void azureKeyVaultScopesAreReadOnly() {
    w.secrets().createScope(new CreateScope().setScope("kv").setScopeBackendType(ScopeBackendType.AZURE_KEYVAULT)
        .setBackendAzureKeyvault(new AzureKeyVaultSecretScopeMetadata()
            .setResourceId("/subscriptions/1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv")
            .setDnsName("https://kv.vault.azure.net/")));
    SecretScope kv = all(w.secrets().listScopes()).stream().filter(s -> s.getName().equals("kv")).findFirst().orElseThrow();
    assertEquals(ScopeBackendType.AZURE_KEYVAULT, kv.getBackendType());
    assertEquals("https://kv.vault.azure.net/", kv.getKeyvaultMetadata().getDnsName());
    DatabricksError e = assertThrows(BadRequest.class, () -> w.secrets().putSecret(
        new PutSecret().setScope("kv").setKey("k").setStringValue("v")));
    assertEquals("BAD_REQUEST", e.getErrorCode());
    assertThrows(InvalidParameterValue.class, () -> w.secrets().createScope(
        new CreateScope().setScope("kv2").setScopeBackendType(ScopeBackendType.AZURE_KEYVAULT)));
  }

  @Test
  void seedAndDump() throws Exception {
    try (Emulator e = new Emulator()) {
      e.seed(Json.MAPPER.readTree("""
          {"secrets": {"scopes": [{"name": "seeded", "secrets": [{"key": "k", "string_value": "v"}],
                                   "acls": [{"principal": "users", "permission": "READ"}]}]}}"""));
      JsonNode scope = e.dump().get("secrets").get("scopes").get(0);
      assertEquals("seeded", scope.get("name").asText());
      assertEquals("DATABRICKS", scope.get("backend_type").asText());
      assertEquals("dg==", scope.get("secrets").get(0).get("bytes_value").asText());
      assertEquals("READ", scope.get("acls").get(0).get("permission").asText());
      assertEquals(1, scope.get("acls").size(), "seeded scopes get no implicit ACL");
    }
    try (Emulator empty = new Emulator().start()) {
      WorkspaceClient c = new WorkspaceClient(new DatabricksConfig().setHost(empty.url()).setToken(empty.token()).setAuthType("pat"));
      assertEquals(0, all(c.secrets().listScopes()).size());
      assertNull(empty.dump().get("secrets").get("scopes").get(0));
    }
  }

  static List<String> acls(String scope) {
    return all(w.secrets().listAcls(scope)).stream().map(a -> a.getPrincipal() + ":" + a.getPermission()).sorted().toList();
  }
}
