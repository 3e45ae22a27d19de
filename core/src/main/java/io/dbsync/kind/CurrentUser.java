package io.dbsync.kind;

import com.databricks.sdk.service.iam.MeRequest;

/**
 * The caller's user name (SCIM Me; a service principal's is its application id): one call per run,
 * kept in the run cache. ACLs and grants name principals by it.
 */
public final class CurrentUser {
  private String userName;

  private CurrentUser() {}

  public static String userName(KindContext ctx) {
    return ctx.shared(CurrentUser.class, CurrentUser::new).load(ctx);
  }

  private synchronized String load(KindContext ctx) {
    if (userName == null) {
      userName = ctx.client().currentUser().me(new MeRequest()).getUserName();
    }
    return userName;
  }
}
