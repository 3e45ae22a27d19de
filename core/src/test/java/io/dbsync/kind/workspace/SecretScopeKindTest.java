package io.dbsync.kind.workspace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.Kind;
import io.dbsync.kind.SourceObject;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestExportContext;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.dbsync.kind.workspace.KindTestSupport.assertGolden;
import static io.dbsync.kind.workspace.KindTestSupport.document;
import static io.dbsync.kind.workspace.KindTestSupport.exportContext;
import static io.dbsync.kind.workspace.KindTestSupport.group;
import static io.dbsync.kind.workspace.KindTestSupport.resolve;
import static io.dbsync.kind.workspace.KindTestSupport.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretScopeKindTest {
  private static TestWorkspace source;
  private static TestWorkspace target;
  private final SecretScopeKind scopes = new SecretScopeKind();
  private final SecretKind secrets = new SecretKind();
  private final SecretAclKind acls = new SecretAclKind();

  @BeforeAll
  static void start() throws Exception {
    source = TestWorkspace.start();
    target = TestWorkspace.start();
    for (TestWorkspace ws : List.of(source, target)) {
      group(ws.client(), "etl-readers");
      user(ws.client(), "eve@example.com");
    }
    var c = source.client();
    Rest.post(c, "/api/2.0/secrets/scopes/create", TfJson.object().put("scope", "etl"));
    Rest.post(c, "/api/2.0/secrets/put", TfJson.object().put("scope", "etl").put("key", "db-password").put("string_value", "s3cr3t"));
    Rest.post(c, "/api/2.0/secrets/put", TfJson.object().put("scope", "etl").put("key", "api.token").put("string_value", "t0k"));
    Rest.post(c, "/api/2.0/secrets/acls/put", TfJson.object().put("scope", "etl").put("principal", "etl-readers").put("permission", "READ"));
    Rest.post(c, "/api/2.0/secrets/acls/put", TfJson.object().put("scope", "etl").put("principal", "eve@example.com").put("permission", "WRITE"));
    ObjectNode kv = TfJson.object().put("scope", "vault").put("scope_backend_type", "AZURE_KEYVAULT");
    kv.putObject("backend_azure_keyvault").put("resource_id", "/subscriptions/1/vaults/kv").put("dns_name", "https://kv.vault.azure.net/");
    Rest.post(c, "/api/2.0/secrets/scopes/create", kv);
    Rest.post(c, "/api/2.0/secrets/scopes/create", TfJson.object().put("scope", "other"));
  }

  @AfterAll
  static void stop() {
    source.close();
    target.close();
  }

  private TestExportContext ctx(Path tmp, String settings) throws Exception {
    TestExportContext ctx = exportContext(source.client(), "secret", settings, tmp);
    for (SourceObject o : scopes.list(ctx)) {
      ctx.index.put(SecretScopeKind.TYPE + "/" + o.id(), o.name());
    }
    return ctx;
  }

  private static ExportedResource find(List<ExportedResource> rs, String type, String field, String value) {
    return rs.stream().filter(r -> r.type().equals(type) && r.attrs().path(field).asText().equals(value)).findFirst().orElseThrow();
  }

  @Test
  void exportsScopeWithAclsAndSecretVariables(@TempDir Path tmp) throws Exception {
    TestExportContext ctx = ctx(tmp, "{\"patterns\": \"*l*\"}");
    List<SourceObject> listed = scopes.list(ctx);
    assertEquals(List.of("etl", "vault"), listed.stream().map(SourceObject::id).toList());

    List<ExportedResource> etl = KindHarness.export(scopes, ctx, listed.get(0));
    assertGolden("secret_scope/etl.tf.json", document(etl));
    assertEquals(2, etl.stream().filter(r -> r.type().equals(SecretKind.TYPE)).count());
    assertTrue(ctx.variables.containsKey(Secrets.childName("etl", "db-password")));
    assertNull(ctx.variables.get(Secrets.childName("etl", "db-password")), "values are never read");
    assertFalse(TfJson.write(document(etl)).contains("s3cr3t"));
    assertTrue(etl.stream().anyMatch(r -> r.type().equals(SecretAclKind.TYPE)
        && r.attrs().get("principal").asText().equals("admin@example.com")), "the creator's MANAGE is exported");

    List<ExportedResource> vault = KindHarness.export(scopes, ctx, listed.get(1));
    assertEquals(0, vault.stream().filter(r -> r.type().equals(SecretKind.TYPE)).count(), "Key Vault secrets stay in the vault");
    assertGolden("secret_scope/vault.tf.json", document(vault));
  }

  @Test
  void roundTripsScopeSecretsAndAcls(@TempDir Path tmp) throws Exception {
    TestExportContext ctx = ctx(tmp, null);
    List<ExportedResource> etl = KindHarness.export(scopes, ctx, scopes.list(ctx).get(0));
    ApplyContext apply = KindHarness.applying(target.client()).artifactsOf(ctx);
    Map<String, String> refs = new HashMap<>();
    refs.put("${databricks_secret_scope.etl.name}", "etl");
    refs.put("${var." + Secrets.childName("etl", "db-password") + "}", "value-1");
    refs.put("${var." + Secrets.childName("etl", "api.token") + "}", "value-2");

    ObjectNode scope = resolve(etl.get(0).attrs(), refs);
    assertTrue(scopes.adopt(apply, scope).isEmpty());
    assertEquals("etl", scopes.create(apply, scope));
    assertEquals(scope, scopes.refresh(apply, "etl").orElseThrow());
    assertEquals("etl", scopes.adopt(apply, scope).orElseThrow());

    ExportedResource acl = find(etl, SecretAclKind.TYPE, "principal", "etl-readers");
    ObjectNode aclAttrs = resolve(acl.attrs(), refs);
    String aclId = acls.create(apply, aclAttrs);
    assertEquals("etl|||etl-readers", aclId);
    assertEquals(aclAttrs, acls.refresh(apply, aclId).orElseThrow());

    ExportedResource secret = find(etl, SecretKind.TYPE, "key", "db-password");
    ObjectNode secretAttrs = resolve(secret.attrs(), refs);
    assertEquals("value-1", secretAttrs.get("string_value").asText());
    String secretId = secrets.create(apply, secretAttrs);
    assertEquals("etl|||db-password", secretId);
    ObjectNode refreshed = secrets.refresh(apply, secretId).orElseThrow();
    ObjectNode withoutValue = secretAttrs.deepCopy();
    withoutValue.remove("string_value");
    assertEquals(withoutValue, refreshed, "the value is write-only: refresh has everything else");
    assertEquals(secretId, secrets.adopt(apply, secretAttrs).orElseThrow());

    for (Kind k : List.<Kind>of(secrets, acls)) {
      String id = k == secrets ? secretId : aclId;
      k.delete(apply, id, null);
      assertTrue(k.refresh(apply, id).isEmpty());
      k.delete(apply, id, null);
    }
    scopes.delete(apply, "etl", scope);
    assertTrue(scopes.refresh(apply, "etl").isEmpty());
    scopes.delete(apply, "etl", scope);
    assertTrue(secrets.refresh(apply, secretId).isEmpty(), "secrets of a deleted scope are gone");
  }

  @Test
  void keyVaultScopeRoundTrips(@TempDir Path tmp) throws Exception {
    TestExportContext ctx = ctx(tmp, null);
    SourceObject vault = scopes.list(ctx).stream().filter(o -> o.id().equals("vault")).findFirst().orElseThrow();
    ObjectNode attrs = KindHarness.export(scopes, ctx, vault).get(0).attrs();
    ApplyContext apply = KindHarness.applying(target.client()).artifactsOf(ctx);
    String id = scopes.create(apply, attrs);
    assertEquals(attrs, scopes.refresh(apply, id).orElseThrow());
    assertEquals("https://kv.vault.azure.net/", attrs.get("keyvault_metadata").get("dns_name").asText());
  }
}
