package io.dbsync.kind.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.CurrentUser;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.SourceObject;
import io.dbsync.kind.TargetChild;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * databricks_secret_scope, with its ACLs (databricks_secret_acl) and secrets (databricks_secret) in
 * the same file. Secret values cannot be read through the API: each becomes a sensitive variable the
 * importer supplies. Azure Key Vault scopes keep their keyvault_metadata; their secrets live in the
 * vault and are not exported.
 *
 * <p>ACLs are exported as listed, including the MANAGE that the scope's creator received
 * implicitly: a DR copy should grant the same principals the same rights. A scope is a mirrored
 * container ({@link #targetChildren}): secrets and ACLs it has in the target that the source lacks are
 * removed, the importing user's own MANAGE (which the API grants on create) included. Workspace
 * admins keep MANAGE on every scope whatever its ACLs say.
 */
public final class SecretScopeKind implements Kind {
  public static final String TYPE = "databricks_secret_scope";
  static final String DIRECTORY = "secret_scope";

  private static final KindInfo INFO = KindInfo.exported(TYPE, "secret", DIRECTORY,
      "Secret scopes, secrets (values as variables), secret ACLs");

  @Override
  public KindInfo info() {
    return INFO;
  }

  @Override
  public boolean replaceOnAnyChange() {
    return true;
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    List<SourceObject> out = new ArrayList<>();
    for (JsonNode s : Rest.get(ctx.client(), "/api/2.0/secrets/scopes/list").path("scopes")) {
      String name = s.path("name").asText();
      if (ctx.settings().selection().selects(name, s)) {
        out.add(new SourceObject(name, Names.safe(name), s));
      }
    }
    out.sort(Comparator.comparing(SourceObject::id));
    return out;
  }

  @Override
  public ObjectNode exportConfig(ExportContext ctx, JsonNode raw) {
    ObjectNode attrs = toConfig(raw, ctx.rendering());
    CustomMapVars.apply(attrs, ctx.settings(), ctx.rendering());
    return attrs;
  }

  /** The scope's ACLs, then its secrets (values as sensitive variables; none for Key Vault scopes). */
  @Override
  public List<ExportedResource> children(ExportContext ctx, SourceObject obj, JsonNode scope) throws IOException {
    String name = obj.id();
    List<ExportedResource> out = new ArrayList<>();

    JsonNode acls = Rest.getOrNull(ctx.client(), "/api/2.0/secrets/acls/list", "scope", name);
    List<JsonNode> items = new ArrayList<>();
    (acls == null ? TfJson.array() : acls.path("items")).forEach(items::add);
    items.sort(Comparator.comparing(a -> a.path("principal").asText()));
    SecretAclKind aclKind = new SecretAclKind();
    for (JsonNode acl : items) {
      ObjectNode raw = ((ObjectNode) acl.deepCopy()).put("scope", name);
      out.add(new ExportedResource(SecretAclKind.TYPE, Secrets.childName(name, acl.path("principal").asText()),
          aclKind.toConfig(raw, ctx.rendering())));
    }

    if (!"AZURE_KEYVAULT".equals(scope.path("backend_type").asText())) {
      JsonNode secrets = Rest.getOrNull(ctx.client(), "/api/2.0/secrets/list", "scope", name);
      List<JsonNode> keys = new ArrayList<>();
      (secrets == null ? TfJson.array() : secrets.path("secrets")).forEach(keys::add);
      keys.sort(Comparator.comparing(k -> k.path("key").asText()));
      SecretKind secretKind = new SecretKind();
      List<SecretValueFiles.Secret> values = new ArrayList<>();
      for (JsonNode secret : keys) {
        ObjectNode raw = ((ObjectNode) secret.deepCopy()).put("scope", name);
        ObjectNode attrs = secretKind.toConfig(raw, ctx.rendering());
        out.add(new ExportedResource(SecretKind.TYPE, Secrets.childName(name, secret.path("key").asText()), attrs));
        values.add(SecretValueFiles.Secret.of(secret, attrs));
      }
      SecretValueFiles.export(ctx, name, obj.name(), values);
    }
    return out;
  }

  @Override
  public JsonNode read(KindContext ctx, String id) throws IOException {
    return SecretListings.of(ctx).scope(ctx.client(), id);
  }

  /**
   * The scope's ACLs and (but for Key Vault scopes, whose secrets live in the vault) its secrets; for a
   * scope about to be created, the MANAGE ACL the API grants its creator (or "users" with
   * initial_manage_principal).
   */
  @Override
  public List<TargetChild> targetChildren(ApplyContext ctx, String id, ObjectNode attrs) throws IOException {
    String name = attrs.path("name").asText();
    List<TargetChild> out = new ArrayList<>();
    if (id == null) {
      String creator = attrs.hasNonNull("initial_manage_principal") ? attrs.get("initial_manage_principal").asText()
          : CurrentUser.userName(ctx);
      ObjectNode acl = TfJson.object().put("scope", name).put("principal", creator).put("permission", "MANAGE");
      out.add(SecretAclKind.child(acl, ctx.rendering()));
      return out;
    }
    SecretListings listings = SecretListings.of(ctx);
    for (JsonNode acl : listings.acls(ctx.client(), id).orElse(List.of())) {
      out.add(SecretAclKind.child(((ObjectNode) acl.deepCopy()).put("scope", id), ctx.rendering()));
    }
    JsonNode scope = listings.scope(ctx.client(), id);
    if (scope != null && !"AZURE_KEYVAULT".equals(scope.path("backend_type").asText())) {
      for (JsonNode secret : listings.secrets(ctx.client(), id).orElse(List.of())) {
        out.add(SecretKind.child(((ObjectNode) secret.deepCopy()).put("scope", id), ctx.rendering()));
      }
    }
    return out;
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    ObjectNode attrs = TfJson.object();
    attrs.put("name", raw.path("name").asText());
    if (raw.hasNonNull("backend_type")) {
      attrs.put("backend_type", raw.get("backend_type").asText());
    }
    JsonNode kv = raw.path("keyvault_metadata");
    if (kv.isObject() && !kv.isEmpty()) {
      attrs.putObject("keyvault_metadata")
          .put("resource_id", kv.path("resource_id").asText())
          .put("dns_name", kv.path("dns_name").asText());
    }
    return attrs;
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String name = attrs.get("name").asText();
    ObjectNode body = TfJson.object().put("scope", name);
    if (attrs.hasNonNull("initial_manage_principal")) {
      body.put("initial_manage_principal", attrs.get("initial_manage_principal").asText());
    }
    JsonNode kv = attrs.path("keyvault_metadata");
    if (kv.isArray()) {
      kv = kv.path(0);
    }
    if (kv.isObject() && !kv.isEmpty()) {
      body.put("scope_backend_type", "AZURE_KEYVAULT");
      body.putObject("backend_azure_keyvault")
          .put("resource_id", kv.path("resource_id").asText())
          .put("dns_name", kv.path("dns_name").asText());
    } else if (attrs.hasNonNull("backend_type")) {
      body.put("scope_backend_type", attrs.get("backend_type").asText());
    }
    Rest.post(ctx.client(), "/api/2.0/secrets/scopes/create", body);
    ObjectNode listed = TfJson.object().put("name", name)
        .put("backend_type", body.path("scope_backend_type").asText("DATABRICKS"));
    if (body.has("backend_azure_keyvault")) {
      listed.set("keyvault_metadata", body.get("backend_azure_keyvault"));
    }
    SecretListings.of(ctx).created(listed);
    return name;
  }

  /** Never planned (replaceOnAnyChange): a scope has nothing that can change in place. */
  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) {
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    Rest.postTolerantOfGone(ctx.client(), "/api/2.0/secrets/scopes/delete", TfJson.object().put("scope", id));
    SecretListings.of(ctx).deleted(id);
  }

  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String name = attrs.get("name").asText();
    return Optional.ofNullable(SecretListings.of(ctx).scope(ctx.client(), name)).map(s -> name);
  }
}
