package io.dbsync.kind.identity;

/** databricks_user_instance_profile: an instance profile ARN in a user's SCIM roles; emitted into the user's file. */
public final class UserInstanceProfileKind extends ScimPairKind {
  public static final String TYPE = "databricks_user_instance_profile";

  public UserInstanceProfileKind() {
    super(TYPE, "User / group instance profiles", Scim.Collection.USERS, "user_id", "instance_profile_id", "roles");
  }
}
