package io.dbsync.kind.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.config.KindSettings;
import io.dbsync.kind.ExportContext;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which users, groups and service principals an export selects (objects.identity settings). Built
 * by a kind's list() from the run's one listing per SCIM collection (+ SCIM Me, once per client),
 * whatever the number of objects; the group kind resolves every membership against it while listing
 * and hands the result to the export in the group's details, so that exporting it needs no further
 * calls (a selection lives in one context; only the listings are the run's).
 *
 * <p>Settings (as the original tool's identity generator): {@code patterns} and {@code by} select as
 * for every kind ({@link io.dbsync.config.Selection}), patterns on user_name, group display_name
 * and service principal application_id or display_name, {@code by} on raw SCIM fields (e.g. {@code
 * groups.display: eng}). {@code exclude_deleted_users} — skip inactive users. {@code
 * set_all_users_active} — when set, every user is exported with active = that value. The exporting
 * admin (SCIM Me) exists in every workspace and is always exported, so group memberships naming it
 * (admins) resolve. Built-in groups (admins, users) are always selected: they are not resources, but
 * their memberships and roles are.
 */
final class IdentitySelection {
  static final String ADMINS = "admins";
  static final String USERS = "users";

  private final ExportContext ctx;
  private final KindSettings settings;
  private Map<String, ObjectNode> users;
  private Map<String, String> excludedUsers;
  private Map<String, ObjectNode> groups;
  private Map<String, String> excludedGroups;
  private Map<String, ObjectNode> servicePrincipals;
  private Map<String, String> excludedServicePrincipals;
  private String meId;

  IdentitySelection(ExportContext ctx) {
    this.ctx = ctx;
    this.settings = ctx.settings();
  }

  static boolean isBuiltInGroup(String displayName) {
    return ADMINS.equals(displayName) || USERS.equals(displayName);
  }

  /** set_all_users_active, when configured. */
  static Optional<Boolean> allUsersActive(KindSettings settings) {
    return settings.get("set_all_users_active").filter(v -> !v.isNull()).map(v -> v.asBoolean());
  }

  synchronized String meId() {
    if (meId == null) {
      meId = Scim.text(Scim.me(ctx.client()), "id");
    }
    return meId;
  }

  /** Selected users by SCIM id, ordered by user name. */
  synchronized Map<String, ObjectNode> users() {
    if (users == null) {
      boolean excludeInactive = settings.bool("exclude_deleted_users", false);
      String me = meId();
      users = new LinkedHashMap<>();
      excludedUsers = new LinkedHashMap<>();
      for (ObjectNode u : sorted(listed(Scim.Collection.USERS), "userName")) {
        String id = Scim.text(u, "id");
        String name = Scim.text(u, "userName");
        if (id.equals(me)) {
          users.put(id, u);
        } else if (!selects(name, u)) {
          excludedUsers.put(id, "user " + name + " (not selected by identity patterns/by)");
        } else if (excludeInactive && u.has("active") && !u.get("active").asBoolean(true)) {
          excludedUsers.put(id, "user " + name + " (inactive, exclude_deleted_users)");
        } else {
          users.put(id, u);
        }
      }
    }
    return Collections.unmodifiableMap(users);
  }

  /** Selected groups by SCIM id (built-ins included), ordered by display name. */
  synchronized Map<String, ObjectNode> groups() {
    if (groups == null) {
      groups = new LinkedHashMap<>();
      excludedGroups = new LinkedHashMap<>();
      for (ObjectNode g : sorted(listed(Scim.Collection.GROUPS), "displayName")) {
        String id = Scim.text(g, "id");
        String name = Scim.text(g, "displayName");
        if (isBuiltInGroup(name) || selects(name, g)) {
          groups.put(id, g);
        } else {
          excludedGroups.put(id, "group " + name + " (not selected by identity patterns/by)");
        }
      }
    }
    return Collections.unmodifiableMap(groups);
  }

  /** Selected service principals by SCIM id, ordered by application id. */
  synchronized Map<String, ObjectNode> servicePrincipals() {
    if (servicePrincipals == null) {
      servicePrincipals = new LinkedHashMap<>();
      excludedServicePrincipals = new LinkedHashMap<>();
      for (ObjectNode sp : sorted(listed(Scim.Collection.SERVICE_PRINCIPALS), "applicationId")) {
        String id = Scim.text(sp, "id");
        String appId = Scim.text(sp, "applicationId");
        if (selects(appId, sp) || selects(Scim.text(sp, "displayName"), sp)) {
          servicePrincipals.put(id, sp);
        } else {
          excludedServicePrincipals.put(id, "service principal " + appId + " (not selected by identity patterns/by)");
        }
      }
    }
    return Collections.unmodifiableMap(servicePrincipals);
  }

  /** Why an identity that exists in the source is not exported, if it is one of those. */
  synchronized Optional<String> exclusion(String scimId) {
    users();
    groups();
    servicePrincipals();
    for (Map<String, String> m : List.of(excludedUsers, excludedGroups, excludedServicePrincipals)) {
      if (m.containsKey(scimId)) {
        return Optional.of(m.get(scimId));
      }
    }
    return Optional.empty();
  }

  private boolean selects(String name, ObjectNode raw) {
    return settings.selection().selects(name, raw);
  }

  /**
   * The collection's run-wide listing ({@link ScimListings}: the user, group and service principal
   * kinds each build a selection, and the groups' needs the users too; one listing serves them all),
   * copied, since kinds may add to what they export.
   */
  private List<ObjectNode> listed(Scim.Collection coll) {
    return ScimListings.byId(ctx, coll).values().stream().map(ObjectNode::deepCopy).toList();
  }

  private static List<ObjectNode> sorted(List<ObjectNode> objects, String key) {
    return objects.stream()
        .sorted(Comparator.comparing((ObjectNode o) -> Scim.text(o, key)).thenComparing(o -> Scim.text(o, "id")))
        .toList();
  }
}
