package io.dbsync.kind.identity;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.service.iam.Patch;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.tf.TfJson;
import io.dbsync.tf.expr.Unknown;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A resource that is one entry of a multi-valued SCIM attribute of a user or group: a group member
 * (group.members), an instance profile granted to a user or group (roles). Id "<owner id>|<value>".
 * No update in the provider: any change replaces it. Written by PATCH add / remove with a value
 * filter, as the provider does, except that the creates of one owner are one PATCH adding all their
 * values ({@link #createAll}: SCIM writes are the import's slowest bucket); read = is the value in
 * the owner's attribute.
 */
abstract class ScimPairKind implements Kind {
  private final KindInfo info;
  private final String type;
  private final Scim.Collection owner;
  private final String ownerAttr;
  private final String valueAttr;
  private final String scimAttribute;

  ScimPairKind(String type, String readme, Scim.Collection owner, String ownerAttr, String valueAttr,
      String scimAttribute) {
    this.info = KindInfo.resourceOnly(type, "identity", readme);
    this.type = type;
    this.owner = owner;
    this.ownerAttr = ownerAttr;
    this.valueAttr = valueAttr;
    this.scimAttribute = scimAttribute;
  }

  @Override
  public KindInfo info() {
    return info;
  }

  @Override
  public boolean replaceOnAnyChange() {
    return true;
  }

  /** Attributes of one pair; at export the arguments are references, at refresh raw ids. */
  ObjectNode attrs(String ownerValue, String value) {
    ObjectNode a = TfJson.object();
    a.put(ownerAttr, ownerValue);
    a.put(valueAttr, value);
    return a;
  }

  @Override
  public JsonNode read(KindContext ctx, String id) {
    String[] p = split(id);
    ObjectNode ownerObject = ScimAttributeReads.of(ctx).get(ctx, owner, p[0], scimAttribute);
    if (ownerObject == null || !Scim.values(ownerObject, scimAttribute).contains(p[1])) {
      return null;
    }
    return attrs(p[0], p[1]);
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    return attrs(Scim.text(raw, ownerAttr), Scim.text(raw, valueAttr));
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) {
    return createAll(ctx, List.of(attrs)).get(0);
  }

  /** The pairs of one owner: batched by the owner as configured (a reference to the group or user). */
  @Override
  public Optional<String> batchKey(ObjectNode desired) {
    JsonNode o = desired.get(ownerAttr);
    return o != null && o.isTextual() && !o.asText().isEmpty() ? Optional.of(o.asText()) : Optional.empty();
  }

  /**
   * One PATCH with one add op carrying every value (SCIM adds a list of values in one op; a value
   * already there is no change, so a retry of a batch that landed in part is harmless).
   */
  @Override
  public List<String> createAll(ApplyContext ctx, List<ObjectNode> attrs) {
    String ownerId = required(attrs.get(0), ownerAttr);
    Set<String> values = new LinkedHashSet<>();
    List<String> ids = new ArrayList<>();
    for (ObjectNode a : attrs) {
      if (!required(a, ownerAttr).equals(ownerId)) {
        throw new IllegalArgumentException(type + ": one batch names two owners, " + ownerId + " and " + required(a, ownerAttr));
      }
      String value = required(a, valueAttr);
      values.add(value);
      ids.add(ownerId + "|" + value);
    }
    try {
      Scim.patch(ctx.client(), owner, ownerId, List.of(Scim.add(scimAttribute, List.copyOf(values))));
    } catch (RuntimeException e) {
      ScimAttributeReads.of(ctx).changed(owner, ownerId);
      throw e;
    }
    ScimAttributeReads.of(ctx).written(owner, ownerId, scimAttribute, values, true);
    return ids;
  }

  /**
   * Never planned (every change replaces); re-asserting the pair the id names is the only in-place
   * change there is, and attributes naming another pair cannot be applied to this id.
   */
  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) {
    String wanted = required(attrs, ownerAttr) + "|" + required(attrs, valueAttr);
    if (!wanted.equals(id)) {
      throw new IllegalArgumentException(type + " " + id + " cannot become " + wanted + " in place; it must be replaced");
    }
    create(ctx, attrs);
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    String[] p = split(id);
    if (keep(ctx.client(), p[0], p[1])) {
      return;
    }
    try {
      Scim.patch(ctx.client(), owner, p[0], List.of(Scim.removeValue(scimAttribute, p[1])));
    } catch (DatabricksError e) {
      ScimAttributeReads.of(ctx).changed(owner, p[0]);
      // Already gone (owner deleted, or value no longer there): nothing left to delete.
      if (read(ctx, id) != null) {
        throw e;
      }
      return;
    }
    ScimAttributeReads.of(ctx).written(owner, p[0], scimAttribute, List.of(p[1]), false);
  }

  /**
   * One PATCH with a remove op per value (the ops of one PATCH apply together or not at all). A value
   * already gone makes the whole PATCH fail; the engine then deletes each pair on its own, where gone
   * is success. Pairs {@link #keep} protects are left out, as {@link #delete} leaves them.
   */
  @Override
  public void deleteAll(ApplyContext ctx, List<String> ids, List<ObjectNode> priors) {
    String ownerId = null;
    List<String> values = new ArrayList<>();
    List<Patch> ops = new ArrayList<>();
    for (String id : ids) {
      String[] p = split(id);
      if (ownerId != null && !ownerId.equals(p[0])) {
        throw new IllegalArgumentException(type + ": one batch names two owners, " + ownerId + " and " + p[0]);
      }
      ownerId = p[0];
      if (!keep(ctx.client(), p[0], p[1])) {
        values.add(p[1]);
        ops.add(Scim.removeValue(scimAttribute, p[1]));
      }
    }
    if (ops.isEmpty()) {
      return;
    }
    try {
      Scim.patch(ctx.client(), owner, ownerId, ops);
    } catch (RuntimeException e) {
      ScimAttributeReads.of(ctx).changed(owner, ownerId);
      throw e;
    }
    ScimAttributeReads.of(ctx).written(owner, ownerId, scimAttribute, values, false);
  }

  /** Pairs that must survive a delete (the importing admin's own admin rights). */
  boolean keep(WorkspaceClient client, String ownerId, String value) {
    return false;
  }

  /** "<owner>|<value>" of resolved attributes naming both as plain strings. */
  @Override
  public Optional<String> naturalId(ObjectNode attrs) {
    JsonNode o = attrs.get(ownerAttr);
    JsonNode v = attrs.get(valueAttr);
    return o != null && o.isTextual() && v != null && v.isTextual() ? Optional.of(o.asText() + "|" + v.asText())
        : Optional.empty();
  }

  /** The pair already exists in the target (e.g. the admin user in admins): adopt it, write nothing. */
  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) {
    String id = required(attrs, ownerAttr) + "|" + required(attrs, valueAttr);
    return read(ctx, id) != null ? Optional.of(id) : Optional.empty();
  }

  /**
   * A pair of an owner this run creates (its id unknown until then) is not in the target: a new group
   * has no members, a new user no roles (the create sends neither). So the apply does not read the new
   * owner to ask; an owner that exists (adopted after a crash too) is known at plan and asked there.
   */
  @Override
  public boolean mayPreexist(ObjectNode partlyKnown) {
    return !Unknown.is(partlyKnown.get(ownerAttr));
  }

  private String[] split(String id) {
    int bar = id.indexOf('|');
    if (bar <= 0 || bar == id.length() - 1) {
      throw new IllegalArgumentException(type + " id must be <" + ownerAttr + ">|<" + valueAttr + ">: " + id);
    }
    return new String[] {id.substring(0, bar), id.substring(bar + 1)};
  }

  private String required(JsonNode attrs, String attr) {
    String v = Scim.text(attrs, attr);
    if (v.isEmpty()) {
      throw new IllegalArgumentException(type + " needs " + attr);
    }
    return v;
  }
}
