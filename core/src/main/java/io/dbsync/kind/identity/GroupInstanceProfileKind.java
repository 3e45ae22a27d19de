package io.dbsync.kind.identity;

/** databricks_group_instance_profile: an instance profile ARN in a group's SCIM roles; emitted into the group's file. */
public final class GroupInstanceProfileKind extends ScimPairKind {
  public static final String TYPE = "databricks_group_instance_profile";

  public GroupInstanceProfileKind() {
    super(TYPE, "User / group instance profiles", Scim.Collection.GROUPS, "group_id", "instance_profile_id", "roles");
  }
}
