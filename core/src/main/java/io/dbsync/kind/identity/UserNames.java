package io.dbsync.kind.identity;

import io.dbsync.kind.KindContext;

import java.util.HashSet;
import java.util.Set;

/**
 * The user name of every user of the workspace, from the run's users listing ({@link ScimListings}):
 * a kind outside identity that needs them (the workspace scan's exclude_deleted_users) shares the
 * listing the identity kinds read anyway, one SCIM read less from a family limited to ~255 a minute.
 */
public final class UserNames {
  private UserNames() {}

  public static Set<String> of(KindContext ctx) {
    Set<String> out = new HashSet<>();
    for (var user : ScimListings.byId(ctx, Scim.Collection.USERS).values()) {
      String name = Scim.text(user, "userName");
      if (!name.isEmpty()) {
        out.add(name);
      }
    }
    return out;
  }
}
