package io.dbsync.kind.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * databricks_grants: every grant on one Unity Catalog securable, authoritative as in the provider —
 * the resource owns the securable's full grant set, so grants the source lacks are revoked and the
 * import mirrors the source. Terraform id "&lt;attribute&gt;/&lt;name&gt;" (e.g. "catalog/main",
 * "model/main.ml.churn"). Resource-only: each Unity Catalog kind writes its objects' grants next to
 * them ({@link #export}). Unity Catalog gives creators ownership, not grants, so the importing admin
 * holds no implicit grant that could flap; owners are the objects' {@code owner} attribute.
 */
public final class GrantsKind implements Kind {
  public static final String TYPE = "databricks_grants";
  private static final KindInfo INFO = KindInfo.resourceOnly(TYPE, UcKind.CONFIG_KEY,
      "Unity Catalog grants and workspace bindings (with their objects)");

  @Override
  public KindInfo info() {
    return INFO;
  }

  @Override
  public Set<String> forceNew() {
    Set<String> out = new TreeSet<>();
    for (Securable s : Securable.values()) {
      out.add(s.grantsAttribute);
    }
    return out;
  }

  /** The grants resource of one exported object (named after its securable type and the object), or none. */
  static Optional<ExportedResource> export(ExportContext ctx, Securable s, String name, String objectResourceName)
      throws IOException {
    JsonNode raw = fetch(ctx, s, name);
    if (raw == null || raw.path("privilege_assignments").isEmpty()) {
      return Optional.empty();
    }
    ObjectNode attrs = config(raw, ctx.rendering());
    for (JsonNode g : attrs.path("grant")) {
      ((ObjectNode) g).put("principal", UcPrincipals.render(ctx, g.path("principal").asText()));
    }
    return Optional.of(new ExportedResource(TYPE, s.grantsAttribute + "_" + objectResourceName, attrs));
  }

  private static JsonNode fetch(KindContext ctx, Securable s, String name) throws IOException {
    List<JsonNode> assignments;
    try {
      assignments = UcApi.list(ctx.client(), "permissions/" + s.apiType + "/" + UcApi.encode(name), "privilege_assignments");
    } catch (IOException | RuntimeException e) {
      if (Rest.isNotFound(e) || UcApi.notVisible(e)) {
        return null;
      }
      throw e;
    }
    ObjectNode raw = TfJson.object().put("securable", s.grantsAttribute).put("name", name);
    ArrayNode a = raw.putArray("privilege_assignments");
    assignments.forEach(a::add);
    return raw;
  }

  /** {securable, name} of "attribute/name". */
  private static Object[] parseId(String id) {
    int slash = id.indexOf('/');
    Optional<Securable> s = slash <= 0 ? Optional.empty() : Securable.byGrantsAttribute(id.substring(0, slash));
    if (s.isEmpty() || slash == id.length() - 1) {
      throw new IllegalArgumentException("databricks_grants id must be <securable>/<name>: " + id);
    }
    return new Object[] {s.get(), id.substring(slash + 1)};
  }

  @Override
  public JsonNode read(KindContext ctx, String id) throws IOException {
    Object[] p = parseId(id);
    return fetch(ctx, (Securable) p[0], (String) p[1]);
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    return config(raw, rendering);
  }

  /** {attribute: reference to the securable, grant: [{principal, privileges}]} sorted by principal and privilege. */
  private static ObjectNode config(JsonNode raw, Rendering rendering) {
    Securable s = Securable.byGrantsAttribute(raw.path("securable").asText()).orElseThrow();
    ObjectNode out = TfJson.object();
    out.put(s.grantsAttribute, rendering.ref(s.resourceType, raw.path("name").asText(), s.refAttribute));
    ArrayNode grants = out.putArray("grant");
    granted(raw).forEach((principal, privileges) -> {
      if (!privileges.isEmpty()) {
        ObjectNode g = grants.addObject().put("principal", principal);
        privileges.forEach(g.putArray("privileges")::add);
      }
    });
    return out;
  }

  /** principal -> privileges of a read object or of grant blocks. */
  private static Map<String, TreeSet<String>> granted(JsonNode raw) {
    Map<String, TreeSet<String>> out = new TreeMap<>();
    JsonNode list = raw.has("privilege_assignments") ? raw.get("privilege_assignments") : raw.path("grant");
    for (JsonNode a : list) {
      TreeSet<String> privs = out.computeIfAbsent(a.path("principal").asText(), k -> new TreeSet<>());
      a.path("privileges").forEach(p -> privs.add(normalize(p.asText())));
    }
    return out;
  }

  /** "use catalog" and "USE_CATALOG" are one privilege. */
  private static String normalize(String privilege) {
    return privilege.strip().replaceAll("\\s+", "_").toUpperCase(java.util.Locale.ROOT);
  }

  /** Gone when the securable is gone or nothing is granted on it (then a create puts the grants back). */
  @Override
  public Optional<ObjectNode> refresh(ApplyContext ctx, String id) throws IOException {
    JsonNode raw = read(ctx, id);
    if (raw == null || raw.path("privilege_assignments").isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(toConfig(raw, ctx.rendering()));
  }

  private static String idOf(JsonNode attrs) {
    for (Securable s : Securable.values()) {
      if (attrs.hasNonNull(s.grantsAttribute)) {
        return s.grantsAttribute + "/" + attrs.get(s.grantsAttribute).asText();
      }
    }
    throw new IllegalArgumentException("databricks_grants names no securable (one of " + INFO.type() + " attributes "
        + "catalog, schema, table, volume, model, storage_credential, external_location, foreign_connection)");
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String id = idOf(attrs);
    enforce(ctx, id, attrs);
    return id;
  }

  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    enforce(ctx, id, attrs);
  }

  /** Revokes every grant on the securable (the resource owned them all). */
  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    enforce(ctx, id, TfJson.object());
  }

  /**
   * Grants that exist before the import (on an object the target already had) are adopted, so that a
   * destroy releases them instead of revoking them; a securable without grants is not.
   */
  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String id = idOf(attrs);
    JsonNode raw = read(ctx, id);
    return raw != null && !raw.path("privilege_assignments").isEmpty() ? Optional.of(id) : Optional.empty();
  }

  @Override
  public boolean sharedWithSource(ApplyContext ctx, ObjectNode attrs) throws IOException {
    return UcKind.shared(ctx);
  }

  /** Makes the grants exactly the desired ones: one PATCH adding what is missing and removing the rest. */
  private static void enforce(ApplyContext ctx, String id, JsonNode attrs) throws IOException {
    Object[] p = parseId(id);
    Securable s = (Securable) p[0];
    JsonNode current = fetch(ctx, s, (String) p[1]);
    if (current == null) {
      if (attrs.path("grant").isEmpty()) {
        return; // the securable is gone, and with it its grants
      }
      throw new IOException("cannot grant on " + s.apiType + " " + p[1] + ": it does not exist in the target");
    }
    Map<String, TreeSet<String>> want = granted(attrs);
    Map<String, TreeSet<String>> have = granted(current);
    ArrayNode changes = TfJson.array();
    Set<String> principals = new TreeSet<>(want.keySet());
    principals.addAll(have.keySet());
    for (String principal : principals) {
      Set<String> add = new TreeSet<>(want.getOrDefault(principal, new TreeSet<>()));
      add.removeAll(have.getOrDefault(principal, new TreeSet<>()));
      Set<String> remove = new TreeSet<>(have.getOrDefault(principal, new TreeSet<>()));
      remove.removeAll(want.getOrDefault(principal, new TreeSet<>()));
      if (!add.isEmpty() || !remove.isEmpty()) {
        ObjectNode c = changes.addObject().put("principal", principal);
        add.forEach(c.putArray("add")::add);
        remove.forEach(c.putArray("remove")::add);
      }
    }
    if (changes.isEmpty()) {
      return;
    }
    ObjectNode body = TfJson.object();
    body.set("changes", changes);
    String path = permissionsPath(s, (String) p[1]);
    Principals.naming("grants on " + s.apiType + " " + p[1], () -> Rest.patch(ctx.client(), path, body));
  }

  private static String permissionsPath(Securable s, String name) {
    return UcApi.path("permissions/" + s.apiType, name);
  }
}
