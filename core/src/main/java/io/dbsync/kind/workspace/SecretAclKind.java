package io.dbsync.kind.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.TargetChild;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.Optional;

/** databricks_secret_acl (resource-only: the scope's file holds it). Id "<scope>|||<principal>". */
public final class SecretAclKind implements Kind {
  public static final String TYPE = "databricks_secret_acl";

  private static final KindInfo INFO = KindInfo.resourceOnly(TYPE, "secret",
      "Secret scopes, secrets (values as variables), secret ACLs");

  @Override
  public KindInfo info() {
    return INFO;
  }

  @Override
  public boolean replaceOnAnyChange() {
    return true;
  }

  /** The ACL as its scope's listing (one per scope and run, {@link SecretListings}) shows it. */
  @Override
  public JsonNode read(KindContext ctx, String id) throws IOException {
    Secrets.PairId p = Secrets.PairId.parse(id);
    return Secrets.find(SecretListings.of(ctx).acls(ctx.client(), p.scope()), p.scope(), "principal", p.second());
  }

  /** An ACL found in the target (listing item plus "scope"), as a mirrored child of its scope. */
  static TargetChild child(ObjectNode raw, Rendering rendering) throws IOException {
    return Secrets.child(new SecretAclKind(), raw, "principal", rendering);
  }

  @Override
  public Optional<String> naturalId(ObjectNode attrs) {
    return Secrets.pairIdOf(attrs, "principal");
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    String scope = raw.path("scope").asText();
    ObjectNode attrs = TfJson.object();
    attrs.put("scope", rendering.ref(SecretScopeKind.TYPE, scope, "name"));
    attrs.put("principal", raw.path("principal").asText());
    attrs.put("permission", raw.path("permission").asText());
    return attrs;
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String scope = attrs.get("scope").asText();
    String principal = attrs.get("principal").asText();
    put(ctx, scope, principal, attrs);
    return new Secrets.PairId(scope, principal).toString();
  }

  /** Never planned (replaceOnAnyChange); acls/put overwrites, which is the correct update. */
  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    Secrets.PairId p = Secrets.PairId.parse(id);
    put(ctx, p.scope(), p.second(), attrs);
  }

  private static void put(ApplyContext ctx, String scope, String principal, ObjectNode attrs) throws IOException {
    Rest.post(ctx.client(), "/api/2.0/secrets/acls/put", TfJson.object().put("scope", scope)
        .put("principal", principal).put("permission", attrs.get("permission").asText()));
    SecretListings.of(ctx).changed(scope);
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    Secrets.PairId p = Secrets.PairId.parse(id);
    Rest.postTolerantOfGone(ctx.client(), "/api/2.0/secrets/acls/delete",
        TfJson.object().put("scope", p.scope()).put("principal", p.second()));
    SecretListings.of(ctx).changed(p.scope());
  }

  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String id = new Secrets.PairId(attrs.get("scope").asText(), attrs.get("principal").asText()).toString();
    return Optional.ofNullable(read(ctx, id)).map(r -> id);
  }
}
