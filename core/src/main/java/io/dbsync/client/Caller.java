package io.dbsync.client;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.User;

/**
 * The identity a client calls as (SCIM Me), asked once per client ({@link ClientMemo}): the sign-in
 * check, ACL rendering, identity selection, the principal directory and databricks_current_user each
 * needed it, and each asked the workspace again (three SCIM reads per export, from a family limited
 * to about 255 a minute).
 */
public final class Caller {
  private static final ClientMemo<User> ME = new ClientMemo<>(c -> c.currentUser().me(new MeRequest()));

  private Caller() {}

  /** The caller's SCIM user (a service principal's user name is its application id). */
  public static User me(WorkspaceClient client) {
    return ME.get(client);
  }
}
