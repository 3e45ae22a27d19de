package io.dbsync.kind.identity;

import com.databricks.sdk.service.iam.Patch;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.tf.TfJson;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What users, groups and service principals share: scalar fields + entitlement booleans mapped
 * both ways, SCIM create, update by PATCH (only the managed fields, so roles, members and group
 * memberships, which are their own resources, are never overwritten), delete, and adoption of an
 * existing object with the same natural key.
 */
abstract class ScimPrincipalKind implements Kind {
  private final KindInfo info;
  private final String type;
  final Scim.Collection collection;
  private final String schema;
  private final List<ScalarField> fields;
  /** SCIM attribute and Terraform attribute of the natural key (userName, displayName, applicationId). */
  private final String keyScim;
  private final String keyAttr;

  ScimPrincipalKind(String type, String directory, Scim.Collection collection, String schema,
      List<ScalarField> fields, String keyAttr, String keyScim) {
    this.info = KindInfo.exported(type, "identity", directory, "Users, groups, group members (nested), service principals");
    this.type = type;
    this.collection = collection;
    this.schema = schema;
    this.fields = fields;
    this.keyAttr = keyAttr;
    this.keyScim = keyScim;
  }

  @Override
  public KindInfo info() {
    return info;
  }

  @Override
  public JsonNode read(KindContext ctx, String id) {
    return Scim.get(ctx.client(), collection, id);
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    ObjectNode attrs = TfJson.object();
    ScalarField.toAttrs(fields, raw, attrs);
    Entitlements.toAttrs(raw, attrs);
    return attrs;
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) {
    ObjectNode body = TfJson.object();
    body.putArray("schemas").add(schema);
    ScalarField.toBody(fields, attrs, body);
    ArrayNode entitlements = Entitlements.body(attrs);
    if (entitlements != null) {
      body.set("entitlements", entitlements);
    }
    try {
      return Scim.create(ctx.client(), collection, body);
    } finally {
      ScimListings.changed(ctx, collection);
    }
  }

  /** PATCHes the fields and entitlements that differ from the object as it is now. */
  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) {
    ObjectNode current = Scim.get(ctx.client(), collection, id);
    if (current == null) {
      throw new IllegalStateException(type + " " + id + " no longer exists in the target");
    }
    List<Patch> ops = new ArrayList<>(ScalarField.diff(fields, current, attrs));
    ops.addAll(Entitlements.diff(current, attrs));
    Scim.patch(ctx.client(), collection, id, ops);
    ScimListings.changed(ctx, collection);
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) {
    Scim.delete(ctx.client(), collection, id);
    ScimListings.changed(ctx, collection);
  }

  /** From the collection's listing (one per run), which holds every attribute {@link #toConfig} maps. */
  @Override
  public Optional<ObjectNode> refresh(ApplyContext ctx, String id) {
    ObjectNode listed = ScimListings.byId(ctx, collection).get(id);
    return listed == null ? Optional.empty() : Optional.of(toConfig(listed, ctx.rendering()));
  }

  /** The identity the import itself runs as is the target's own. */
  @Override
  public boolean builtIn(ApplyContext ctx, ObjectNode attrs) {
    String key = Scim.text(attrs, keyAttr);
    return !key.isEmpty() && key.equalsIgnoreCase(Scim.text(Scim.me(ctx.client()), "userName"));
  }

  /** An object with the same natural key already in the target (built-ins, earlier interrupted runs). */
  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) {
    String key = Scim.text(attrs, keyAttr);
    return key.isEmpty() ? Optional.empty() : ScimListings.findId(ctx, collection, keyScim, key);
  }
}
