package io.dbsync.kind.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.SourceObject;
import io.dbsync.kind.TargetChild;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * databricks_group: display_name, external_id, entitlement booleans; into the group's file also go
 * its members (databricks_group_member: users, nested groups, service principals) and roles
 * (databricks_group_instance_profile).
 *
 * <p>The built-in groups admins and users are never resources (the provider forbids it), but their
 * memberships (admins) and roles (both) are exported into admins.tf.json / users.tf.json, referring
 * to the group through its data source {@code ${data.databricks_group.<name>.id}}. The data block
 * itself is not returned: the exporter declares every data source in use once, in main.tf.json
 * (a block per file would be declared twice in the module, and the exporter rejects non-resource
 * types in a file). Members of users are
 * implicit (every identity is one) and not exported. A member that is not exported itself (filtered
 * out, or not a listed identity) is skipped with a warning: no membership refers to a resource that
 * does not exist.
 *
 * <p>A group is a mirrored container: members it has in the target that the configuration does not
 * declare are removed ({@link #targetChildren}); built-in groups are data sources, never containers.
 */
public final class GroupKind extends ScimPrincipalKind {
  public static final String TYPE = "databricks_group";
  private static final GroupMemberKind MEMBERS = new GroupMemberKind();
  private static final GroupInstanceProfileKind ROLES = new GroupInstanceProfileKind();
  /** Field of a listed group's details carrying its resolved memberships (not an API attribute). */
  static final String MEMBERSHIPS = "x-dbsync-memberships";

  public GroupKind() {
    super(TYPE, "group", Scim.Collection.GROUPS, "urn:ietf:params:scim:schemas:core:2.0:Group",
        List.of(
            ScalarField.optional("display_name", "displayName"),
            ScalarField.fixed("external_id", "externalId")),
        "display_name", "displayName");
  }

  @Override
  public Set<String> forceNew() {
    return Set.of("external_id");
  }

  static String resourceName(JsonNode group) {
    return Names.safe(Scim.text(group, "displayName"));
  }

  /**
   * Groups with their memberships already resolved against the selection (see {@link #MEMBERSHIPS}),
   * so that exporting a group makes no API call.
   */
  @Override
  public List<SourceObject> list(ExportContext ctx) {
    IdentitySelection sel = new IdentitySelection(ctx);
    List<SourceObject> out = new ArrayList<>();
    for (Map.Entry<String, ObjectNode> e : sel.groups().entrySet()) {
      ObjectNode details = e.getValue().deepCopy();
      details.set(MEMBERSHIPS, resolveMembers(sel, e.getValue()));
      out.add(new SourceObject(e.getKey(), resourceName(e.getValue()), details));
    }
    return out;
  }

  /** Built-in groups (admins, users) are no resource: only their memberships and roles are. */
  @Override
  public ObjectNode exportConfig(ExportContext ctx, JsonNode raw) {
    return IdentitySelection.isBuiltInGroup(Scim.text(raw, "displayName")) ? null : toConfig(raw, ctx.rendering());
  }

  /**
   * Members (except of users, where every identity is one) and instance-profile roles, referring to
   * the group through its resource or, for a built-in group, its data source. A built-in group with
   * neither has no file.
   */
  @Override
  public List<ExportedResource> children(ExportContext ctx, SourceObject obj, JsonNode raw) {
    JsonNode memberships = raw.has(MEMBERSHIPS) ? raw.get(MEMBERSHIPS) : resolveMembers(new IdentitySelection(ctx), raw);
    String displayName = Scim.text(raw, "displayName");
    String label = "group " + displayName;
    String groupRef = IdentitySelection.isBuiltInGroup(displayName) ? ctx.rendering().dataSource(TYPE, displayName, "id")
        : ctx.rendering().ref(TYPE, obj.id(), "id");
    List<ExportedResource> out = new ArrayList<>();
    if (!IdentitySelection.USERS.equals(displayName)) {
      out.addAll(members(ctx, memberships, label, obj.name(), groupRef));
    }
    out.addAll(InstanceProfileRoles.export(ctx, raw, label, ROLES, groupRef, obj.name()));
    return out;
  }

  /**
   * Each member of the group as [{value, type, name}] (type: the member's resource type, or
   * "data" for a built-in group; name: the membership name suffix) or [{value, skip}] with the
   * reason it is not exported.
   */
  static ArrayNode resolveMembers(IdentitySelection sel, JsonNode group) {
    ArrayNode out = TfJson.array();
    for (JsonNode m : iterable(group.get("members"))) {
      String id = Scim.text(m, "value");
      ObjectNode r = out.addObject().put("value", id);
      if (sel.users().containsKey(id)) {
        r.put("type", UserKind.TYPE).put("name", "user_" + UserKind.resourceName(sel.users().get(id)));
      } else if (sel.servicePrincipals().containsKey(id)) {
        r.put("type", ServicePrincipalKind.TYPE)
            .put("name", "sp_" + ServicePrincipalKind.resourceName(sel.servicePrincipals().get(id)));
      } else if (sel.groups().containsKey(id)) {
        JsonNode nested = sel.groups().get(id);
        String nestedName = Scim.text(nested, "displayName");
        r.put("type", IdentitySelection.isBuiltInGroup(nestedName) ? "data" : TYPE)
            .put("name", "group_" + resourceName(nested));
        if (IdentitySelection.isBuiltInGroup(nestedName)) {
          r.put("data", nestedName);
        }
      } else {
        r.put("skip", sel.exclusion(id).orElse("member " + id + describeRef(m) + " (not a listed user, group or service principal)"));
      }
    }
    return out;
  }

  private List<ExportedResource> members(ExportContext ctx, JsonNode memberships, String label, String groupName,
      String groupRef) {
    Map<String, ExportedResource> byName = new TreeMap<>();
    for (JsonNode m : iterable(memberships)) {
      if (m.has("skip")) {
        ctx.warn(label + ": " + Scim.text(m, "skip") + " is not exported; membership skipped");
        continue;
      }
      String memberRef;
      if ("data".equals(Scim.text(m, "type"))) {
        memberRef = ctx.rendering().dataSource(TYPE, Scim.text(m, "data"), "id");
      } else {
        memberRef = ctx.rendering().ref(Scim.text(m, "type"), Scim.text(m, "value"), "id");
      }
      String name = groupName + "_" + Scim.text(m, "name");
      byName.put(name, new ExportedResource(GroupMemberKind.TYPE, name, MEMBERS.attrs(groupRef, memberRef)));
    }
    return new ArrayList<>(byName.values());
  }

  /**
   * Mirror: the group's members in the target (by the SCIM listing's value and display name), but for
   * the importing admin in admins ({@link GroupMemberKind#keep}); none for a group still to be created.
   */
  @Override
  public List<TargetChild> targetChildren(ApplyContext ctx, String id, ObjectNode attrs) {
    if (id == null) {
      return List.of();
    }
    ObjectNode group = ScimAttributeReads.of(ctx).get(ctx, Scim.Collection.GROUPS, id, "members");
    if (group == null) {
      return List.of();
    }
    String groupName = Scim.text(attrs, "display_name");
    List<TargetChild> out = new ArrayList<>();
    for (JsonNode m : iterable(group.get("members"))) {
      String member = Scim.text(m, "value");
      if (member.isEmpty() || (IdentitySelection.ADMINS.equals(groupName) && MEMBERS.keep(ctx.client(), id, member))) {
        continue;
      }
      String label = Scim.text(m, "display").isEmpty() ? member : Scim.text(m, "display");
      out.add(new TargetChild(GroupMemberKind.TYPE, Names.safe(groupName + "_" + label), id + "|" + member,
          MEMBERS.attrs(id, member)));
    }
    return out;
  }

  private static String describeRef(JsonNode member) {
    String ref = Scim.text(member, "$ref");
    return ref.isEmpty() ? "" : " (" + ref + ")";
  }

  private static Iterable<JsonNode> iterable(JsonNode arr) {
    return arr == null || !arr.isArray() ? List.of() : arr;
  }
}
