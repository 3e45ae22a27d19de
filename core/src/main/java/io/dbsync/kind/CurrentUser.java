package io.dbsync.kind;

import io.dbsync.client.Caller;

/**
 * The caller's user name (SCIM Me; a service principal's is its application id), asked once per
 * client ({@link Caller}). ACLs and grants name principals by it.
 */
public final class CurrentUser {
  private CurrentUser() {}

  public static String userName(KindContext ctx) {
    return Caller.me(ctx.client()).getUserName();
  }
}
