package io.dbsync.kind.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.SourceObject;
import io.dbsync.tf.Names;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * databricks_user: user_name, display_name, active, external_id and entitlement booleans; the
 * user's instance-profile roles (databricks_user_instance_profile) go into the same file. Resource
 * name: the user name made safe. Import adopts a target user with the same user name (the target's
 * own admin is built in), and never deletes the user the import runs as.
 */
public final class UserKind extends ScimPrincipalKind {
  public static final String TYPE = "databricks_user";
  private static final UserInstanceProfileKind ROLES = new UserInstanceProfileKind();

  public UserKind() {
    super(TYPE, "user", Scim.Collection.USERS, "urn:ietf:params:scim:schemas:core:2.0:User",
        List.of(
            ScalarField.fixed("user_name", "userName"),
            ScalarField.optional("display_name", "displayName"),
            ScalarField.withDefault("active", "active", BooleanNode.TRUE),
            ScalarField.clearable("external_id", "externalId")),
        "user_name", "userName");
  }

  @Override
  public Set<String> forceNew() {
    return Set.of("user_name");
  }

  /** The resource name of a user (also used by group memberships). */
  static String resourceName(JsonNode user) {
    return Names.safe(Scim.text(user, "userName"));
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) {
    List<SourceObject> out = new ArrayList<>();
    for (Map.Entry<String, ObjectNode> e : new IdentitySelection(ctx).users().entrySet()) {
      out.add(new SourceObject(e.getKey(), resourceName(e.getValue()), e.getValue()));
    }
    return out;
  }

  /** The user, with set_all_users_active applied when configured. */
  @Override
  public ObjectNode exportConfig(ExportContext ctx, JsonNode raw) {
    ObjectNode attrs = toConfig(raw, ctx.rendering());
    IdentitySelection.allUsersActive(ctx.settings()).ifPresent(active -> attrs.put("active", active));
    return attrs;
  }

  /** The user's instance-profile roles. */
  @Override
  public List<ExportedResource> children(ExportContext ctx, SourceObject obj, JsonNode raw) {
    String userRef = ctx.rendering().ref(TYPE, obj.id(), "id");
    return InstanceProfileRoles.export(ctx, raw, "user " + Scim.text(raw, "userName"), ROLES, userRef, obj.name());
  }

  /** Deleting the identity the import runs as would cut the import off; it is left in place. */
  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) {
    if (id.equals(Scim.text(Scim.me(ctx.client()), "id"))) {
      return;
    }
    super.delete(ctx, id, prior);
  }
}
