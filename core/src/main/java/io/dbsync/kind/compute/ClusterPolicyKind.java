package io.dbsync.kind.compute;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.config.Selection;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.ListedById;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.RunListings;
import io.dbsync.kind.SourceObject;
import io.dbsync.kind.permissions.PermissionsKind;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * databricks_cluster_policy. Custom policies carry their definition (a JSON document in a string,
 * canonicalised so that whitespace and key order never make a diff). Built-in policies created from
 * a policy family (Personal Compute, Job Compute...) exist in every workspace: they are exported as
 * overrides (name + policy_family_id + policy_family_definition_overrides) and adopted by name.
 */
public final class ClusterPolicyKind implements Kind {
  /** The run's listing of the target's cluster policies ({@link RunListings}): adoption reads it once, not once per object. */
  private static final String LISTING = "ClusterPolicyKind";
  /** The same listing by id for refreshes ({@link ListedById}): it gives each object as policies/clusters/get does. */
  private static final String BY_ID = "ClusterPolicyKind by id";
  static final String BASE = "/api/2.0/policies/clusters";

  private static final KindInfo INFO = KindInfo.exported("databricks_cluster_policy", "cluster_policy", "cluster_policy",
      "Cluster policies (incl. built-in family overrides)");

  @Override
  public KindInfo info() {
    return INFO;
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    Selection sel = ctx.settings().selection();
    List<SourceObject> out = new ArrayList<>();
    for (JsonNode p : listAll(ctx.client())) {
      String name = Attrs.text(p, "name");
      if (sel.selects(name, p)) {
        out.add(new SourceObject(Attrs.text(p, "policy_id"), Names.safe(name), p));
      }
    }
    return out;
  }

  /** The policy's direct permissions. */
  @Override
  public List<ExportedResource> children(ExportContext ctx, SourceObject obj, JsonNode raw) throws IOException {
    return PermissionsKind.forObject(ctx, "cluster-policies", obj.id(), "cluster_policy_id",
        ctx.rendering().ref(INFO.type(), obj.id(), "id"), "cluster_policy_" + obj.name());
  }

  static List<JsonNode> listAll(WorkspaceClient client) throws IOException {
    JsonNode resp = Rest.get(client, BASE + "/list", Map.of());
    List<JsonNode> out = new ArrayList<>();
    JsonNode policies = resp.get("policies");
    if (policies != null) {
      policies.forEach(out::add);
    }
    return out;
  }

  @Override
  public JsonNode read(KindContext ctx, String id) throws IOException {
    return Rest.getOrNull(ctx.client(), BASE + "/get", Map.of("policy_id", id));
  }

  /** From the run's listing ({@link ListedById}); an object it lacks or this run wrote is read on its own. */
  @Override
  public Optional<ObjectNode> refresh(ApplyContext ctx, String id) throws IOException {
    return ListedById.of(ctx).refresh(ctx, this, BY_ID, id, () -> ListedById.byId(listAll(ctx.client()), "policy_id"));
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    ObjectNode out = TfJson.object();
    Attrs.copy(raw, out, "name", "max_clusters_per_user");
    String family = Attrs.text(raw, "policy_family_id");
    if (family != null && !family.isEmpty()) {
      out.put("policy_family_id", family);
      String overrides = Attrs.text(raw, "policy_family_definition_overrides");
      if (overrides != null && !overrides.isBlank()) {
        out.put("policy_family_definition_overrides", Attrs.canonicalJsonText(overrides));
      }
    } else {
      Attrs.copy(raw, out, "description");
      String definition = Attrs.text(raw, "definition");
      if (definition != null) {
        out.put("definition", Attrs.canonicalJsonText(definition));
      }
    }
    JsonNode libs = raw.get("libraries");
    if (libs != null) {
      out.set("libraries", ClusterSpecs.libraries(libs));
    }
    return TfJson.prune(out);
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    JsonNode resp = Rest.post(ctx.client(), BASE + "/create", attrs);
    RunListings.of(ctx).changed(LISTING);
    ListedById.of(ctx).writing(BY_ID, resp.get("policy_id").asText());
    return resp.get("policy_id").asText();
  }

  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    ListedById.of(ctx).writing(BY_ID, id);
    ObjectNode body = attrs.deepCopy();
    body.put("policy_id", id);
    Rest.post(ctx.client(), BASE + "/edit", body);
    RunListings.of(ctx).changed(LISTING);
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    ListedById.of(ctx).writing(BY_ID, id);
    Rest.postTolerantOfGone(ctx.client(), BASE + "/delete", TfJson.object().put("policy_id", id));
    RunListings.of(ctx).changed(LISTING);
  }

  /** A policy family's default policy (same name as the family) comes with every workspace. */
  @Override
  public boolean builtIn(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String family = Attrs.text(attrs, "policy_family_id");
    if (family == null) {
      return false;
    }
    JsonNode f = Rest.getOrNull(ctx.client(), "/api/2.0/policy-families/" + family);
    return f != null && f.path("name").asText().equals(Attrs.text(attrs, "name"));
  }

  /** Policy names are unique: a target policy with the same name (built-in or not) is this one. */
  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String name = Attrs.text(attrs, "name");
    for (JsonNode p : RunListings.of(ctx).get(LISTING, () -> listAll(ctx.client()))) {
      if (name != null && name.equals(Attrs.text(p, "name"))) {
        return Optional.of(Attrs.text(p, "policy_id"));
      }
    }
    return Optional.empty();
  }
}
