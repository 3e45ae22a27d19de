package io.dbsync.kind.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.Rendering;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the grants kind and the denies kind share: each manages one half of a securable's legacy
 * table ACL, read from the same SHOW GRANTS, id the securable's ACL id, and applied as a mirror of
 * its half that never disturbs the other ({@link HiveAcl#converge}).
 */
abstract class AclHalfKind implements Kind {
  private final boolean denying;

  AclHalfKind(boolean denying) {
    this.denying = denying;
  }

  /** The attributes of the resource for the securable and this half's {principal: [privileges]}. */
  abstract ObjectNode config(HiveSecurable on, JsonNode byPrincipal, Rendering rendering);

  /** The attributes holding the securable's selector and the assignment blocks. */
  abstract JsonNode body(ObjectNode attrs);

  /** The assignment blocks ({principal, privileges}) within {@link #body}. */
  abstract String assignmentsKey();

  @Override
  public JsonNode read(KindContext ctx, String id) throws IOException {
    return AclReader.read(ctx, id);
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    return config(HiveSecurable.parse(raw.get("id").asText()), raw.path(denying ? "denies" : "grants"), rendering);
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    HiveSecurable on = HiveSecurable.of(body(attrs));
    enforce(ctx, on, desired(body(attrs).path(assignmentsKey())), denying);
    return on.id();
  }

  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    enforce(ctx, HiveSecurable.parse(id), desired(body(attrs).path(assignmentsKey())), denying);
  }

  /** Empties this half of the object's ACL; the other half stays. */
  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    HiveSecurable on = HiveSecurable.parse(id);
    if (AclReader.exists(ctx, on)) {
      enforce(ctx, on, Map.of(), denying);
    }
  }

  /** Every existing object has an ACL: it is adopted. */
  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    HiveSecurable on = HiveSecurable.of(body(attrs));
    return AclReader.exists(ctx, on) ? Optional.of(on.id()) : Optional.empty();
  }

  /**
   * The ACLs of the catalog, ANY FILE and the anonymous function belong to the target's metastore as
   * its settings do: adopted, they are released, never emptied by a destroy (review D10). A database's
   * or table's ACL is the import's own when the revision exported it.
   */
  @Override
  public boolean builtIn(ApplyContext ctx, ObjectNode attrs) {
    return HiveSecurable.of(body(attrs)).catalogWide();
  }

  /** {principal: privileges} of assignment blocks (a principal listed twice gets the union). */
  static SortedMap<String, SortedSet<String>> desired(JsonNode assignmentBlocks) {
    SortedMap<String, SortedSet<String>> out = new TreeMap<>();
    for (JsonNode a : assignmentBlocks) {
      SortedSet<String> s = out.computeIfAbsent(a.path("principal").asText(), k -> new TreeSet<>());
      a.path("privileges").forEach(x -> s.add(x.asText()));
    }
    return out;
  }

  /**
   * Makes the grants ({@code denying} false) or denies of the object equal {@code desired}, from a
   * fresh SHOW GRANTS, touching nothing else.
   */
  static void enforce(ApplyContext ctx, HiveSecurable on, Map<String, ? extends Set<String>> desired, boolean denying)
      throws IOException {
    SqlRunner sql = Metastore.runner(ctx);
    AclReader acls = AclReader.of(ctx);
    acls.forget(on);
    HiveAcl current = acls.read(sql, on);
    if (current == null) {
      throw new IOException("cannot apply ACLs to " + on.describe() + ": it does not exist in the target");
    }
    try {
      AclStatements.run(sql, on, current.converge(on, desired, denying));
    } finally {
      acls.forget(on);
    }
  }
}
