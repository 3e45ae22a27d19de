package io.dbsync.mapping;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.ListGroupsRequest;
import com.databricks.sdk.service.iam.ListServicePrincipalsRequest;
import com.databricks.sdk.service.iam.ListUsersRequest;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.iam.User;
import io.dbsync.client.Caller;
import io.dbsync.client.ScimPages;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The principals a target workspace has: one SCIM listing per kind (users by user name, groups by
 * display name, service principals by application id), never a probe per principal. User names and
 * application ids compare without case, as the workspace compares them. The built-in groups
 * {@code users}, {@code admins} and {@code account users} always exist.
 */
public final class PrincipalDirectory {
  private static final Set<String> BUILT_IN_GROUPS = Set.of("users", "admins", "account users");

  private final Set<String> users = new HashSet<>();
  private final Set<String> groups = new HashSet<>();
  private final Set<String> servicePrincipals = new HashSet<>();
  private final Supplier<String> me;
  private String meName;

  private PrincipalDirectory(Collection<String> users, Collection<String> groups,
                             Collection<String> servicePrincipals, Supplier<String> me) {
    users.forEach(u -> this.users.add(u.toLowerCase(Locale.ROOT)));
    this.groups.addAll(groups);
    this.groups.addAll(BUILT_IN_GROUPS);
    servicePrincipals.forEach(s -> this.servicePrincipals.add(s.toLowerCase(Locale.ROOT)));
    this.me = me;
  }

  /** The target's principals, listed once each; {@code me} (the importing identity) is asked only when needed. */
  public static PrincipalDirectory list(WorkspaceClient client) {
    Set<String> u = new HashSet<>();
    for (User x : ScimPages.users(client, new ListUsersRequest().setAttributes("userName"))) {
      if (x.getUserName() != null) {
        u.add(x.getUserName());
      }
    }
    Set<String> g = new HashSet<>();
    for (Group x : ScimPages.groups(client, new ListGroupsRequest().setAttributes("displayName"))) {
      if (x.getDisplayName() != null) {
        g.add(x.getDisplayName());
      }
    }
    Set<String> s = new HashSet<>();
    for (ServicePrincipal x : ScimPages.servicePrincipals(client, new ListServicePrincipalsRequest().setAttributes("applicationId"))) {
      if (x.getApplicationId() != null) {
        s.add(x.getApplicationId());
      }
    }
    return new PrincipalDirectory(u, g, s, () -> Caller.me(client).getUserName());
  }

  /** A directory with these principals (tests, assessments from a saved listing). */
  public static PrincipalDirectory of(Collection<String> users, Collection<String> groups,
                                      Collection<String> servicePrincipals, String me) {
    return new PrincipalDirectory(users, groups, servicePrincipals, () -> me);
  }

  public boolean has(PrincipalKind kind, String name) {
    return switch (kind) {
      case USER -> users.contains(name.toLowerCase(Locale.ROOT));
      case GROUP -> groups.contains(name);
      case SERVICE_PRINCIPAL -> servicePrincipals.contains(name.toLowerCase(Locale.ROOT));
    };
  }

  /** True when the target has a principal of any kind by this name. */
  public boolean hasAny(String name) {
    for (PrincipalKind k : PrincipalKind.values()) {
      if (has(k, name)) {
        return true;
      }
    }
    return false;
  }

  /** The user name of the identity running the import (one SCIM Me call, on first use). */
  public synchronized String me() {
    if (meName == null) {
      meName = me.get();
    }
    return meName;
  }
}
