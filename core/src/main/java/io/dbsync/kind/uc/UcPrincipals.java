package io.dbsync.kind.uc;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.ListGroupsRequest;
import com.databricks.sdk.service.iam.ListServicePrincipalsRequest;
import com.databricks.sdk.service.iam.ListUsersRequest;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.iam.User;
import io.dbsync.client.ScimPages;
import io.dbsync.kind.ExportContext;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Principals of grants and owners at export. Unity Catalog names users by user name, groups by display
 * name and service principals by application id, all account-level; a principal the export includes
 * (objects.identity) becomes a reference to its resource, so the import creates it first, and every
 * other one stays a plain name that must exist in the target's account (the import says so when it
 * does not). The source's SCIM listings are read once per run.
 */
final class UcPrincipals {
  /** Account-level or built-in names that are never exported resources. */
  private static final Set<String> BUILT_IN = Set.of("account users", "users", "admins");

  private final WorkspaceClient client;
  private Map<String, String> users;
  private Map<String, String> groups;
  private Map<String, String> servicePrincipals;

  private UcPrincipals(WorkspaceClient client) {
    this.client = client;
  }

  /** The principal as exported: a reference to its user/group/service principal resource, or the name. */
  static String render(ExportContext ctx, String principal) {
    if (principal == null || principal.isBlank() || BUILT_IN.contains(principal)) {
      return principal;
    }
    UcPrincipals p = ctx.shared(UcPrincipals.class, () -> new UcPrincipals(ctx.client()));
    p.load();
    String id = p.users.get(principal);
    if (id != null) {
      return ctx.rendering().refOr("databricks_user", id, "user_name", principal);
    }
    id = p.groups.get(principal);
    if (id != null) {
      return ctx.rendering().refOr("databricks_group", id, "display_name", principal);
    }
    id = p.servicePrincipals.get(principal);
    return id == null ? principal : ctx.rendering().refOr("databricks_service_principal", id, "application_id", principal);
  }

  private synchronized void load() {
    if (users != null) {
      return;
    }
    Map<String, String> u = new HashMap<>();
    for (User x : ScimPages.users(client, new ListUsersRequest().setAttributes("id,userName"))) {
      u.put(x.getUserName(), x.getId());
    }
    Map<String, String> g = new HashMap<>();
    for (Group x : ScimPages.groups(client, new ListGroupsRequest().setAttributes("id,displayName"))) {
      g.put(x.getDisplayName(), x.getId());
    }
    Map<String, String> s = new HashMap<>();
    for (ServicePrincipal x : ScimPages.servicePrincipals(client, new ListServicePrincipalsRequest()
        .setAttributes("id,applicationId"))) {
      s.put(x.getApplicationId(), x.getId());
    }
    users = u;
    groups = g;
    servicePrincipals = s;
  }
}
